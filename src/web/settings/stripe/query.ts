/** The Stripe connection in the query cache. */
export const stripeKey = ['integrations', 'stripe'] as const;
