import type { RouteModule } from '../http/types';

/** Placeholder: the invoices API (issue 5) is registered here. */
export const invoiceRoutes: RouteModule = () => {};
