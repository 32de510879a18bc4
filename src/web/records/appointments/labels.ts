/** How appointment values read in the app. */
import type { AppointmentSource, AppointmentStatus, MeetingLocationType } from '#shared/appointments';

export const STATUS_LABEL: Record<AppointmentStatus, string> = {
  new: 'New',
  confirmed: 'Confirmed',
  cancelled: 'Cancelled',
  showed: 'Showed',
  noshow: 'No-show',
};

export const MEETING_LABEL: Record<MeetingLocationType, string> = {
  address: 'In person',
  phone: 'Phone call',
  zoom: 'Zoom',
  gmeet: 'Google Meet',
  ms_teams: 'Microsoft Teams',
  custom: 'Other link',
};
export const MEETING_TYPES = Object.keys(MEETING_LABEL) as MeetingLocationType[];

export const SOURCE_LABEL: Record<AppointmentSource, string> = {
  conversation: 'From the conversation',
  booking_widget: 'Booking widget',
  funnel: 'Funnel',
  manual: 'Booked manually',
};

/** Virtual meetings have a link to join. */
export const isVirtual = (t: MeetingLocationType) => t === 'zoom' || t === 'gmeet' || t === 'ms_teams' || t === 'custom';

/** What the location field holds for a meeting type. */
export const PLACE_LABEL: Record<MeetingLocationType, string> = {
  address: 'Address',
  phone: 'Phone number',
  zoom: 'Meeting link',
  gmeet: 'Meeting link',
  ms_teams: 'Meeting link',
  custom: 'Meeting link',
};

/** A link that is safe to open (http or https only). */
export function joinHref(link: string | null): string | null {
  if (!link) return null;
  try {
    const u = new URL(/^[a-z][a-z0-9+.-]*:/i.test(link) ? link : `https://${link}`);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : null;
  } catch {
    return null;
  }
}

export const DURATIONS = [15, 30, 45, 60, 75, 90, 120, 180];
export const durationLabel = (m: number) => (m < 60 ? `${m} min` : m % 60 === 0 ? `${m / 60} h` : `${Math.floor(m / 60)} h ${m % 60} min`);
