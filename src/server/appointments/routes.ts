import type { RouteModule } from '../http/types';

/** Placeholder: the appointments API (issue 5) is registered here. */
export const appointmentRoutes: RouteModule = () => {};
