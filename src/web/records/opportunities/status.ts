/** Opportunity statuses as the web app names them. */
import type { OpportunityStatus } from '#shared/opportunities';

export const STATUS_LABEL: Record<OpportunityStatus, string> = { open: 'Open', won: 'Won', lost: 'Lost', abandoned: 'Abandoned' };
