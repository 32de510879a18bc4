import type { App, Deps } from '../http/types';

/** Placeholder: the public payment page (/pay/<token>) and the Stripe webhook (/webhooks/stripe/{locationId}). */
export async function invoicePublicRoutes(_app: App, _deps: Deps): Promise<void> {}
