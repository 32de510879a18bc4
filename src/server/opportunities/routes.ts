import type { RouteModule } from '../http/types';

/** Placeholder: the opportunities API (issue 5) is registered here. */
export const opportunityRoutes: RouteModule = () => {};
