/**
 * Appointments and calendars in the query cache. Live: appointment.* events patch the open
 * appointment and the contact's list in place (no refetch), for every team member.
 */
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Appointment, Calendar } from '#shared/appointments';
import { get } from '../../lib/api';
import { useSession } from '../../lib/session';

export const appointmentKeys = {
  calendars: () => ['calendars'] as const,
  forContact: (contactId: string) => ['appointments', 'contact', contactId] as const,
  one: (id: string) => ['appointment', id] as const,
};

/** Enough for one contact's history in the side panel. */
const CONTACT_LIMIT = 100;

export function useCalendars() {
  return useQuery({
    queryKey: appointmentKeys.calendars(),
    queryFn: () => get<{ items: Calendar[] }>('/calendars').then((r) => r.items),
    staleTime: 5 * 60_000,
  });
}

export function useContactAppointments(contactId: string) {
  return useQuery({
    queryKey: appointmentKeys.forContact(contactId),
    queryFn: () => get<{ items: Appointment[] }>(`/appointments?contactId=${contactId}&limit=${CONTACT_LIMIT}`).then((r) => r.items),
    staleTime: 60_000,
  });
}

export function useAppointment(id: string) {
  return useQuery({
    queryKey: appointmentKeys.one(id),
    queryFn: () => get<Appointment>(`/appointments/${id}`),
    staleTime: 60_000,
    retry: (count, err) => (err as { status?: number }).status !== 404 && count < 2,
  });
}

/** Puts an appointment (new or changed) into the caches that show it. */
export function upsertAppointment(qc: QueryClient, a: Appointment): void {
  qc.setQueryData(appointmentKeys.one(a.id), a);
  qc.setQueryData<Appointment[]>(appointmentKeys.forContact(a.contactId), (list) => {
    if (!list) return list;
    const rest = list.filter((x) => x.id !== a.id);
    return [...rest, a].sort((x, y) => x.startTime.localeCompare(y.startTime) || x.id.localeCompare(y.id));
  });
}

export function removeAppointment(qc: QueryClient, id: string, contactId: string): void {
  // An open View Appointment refetches and learns it is gone.
  void qc.invalidateQueries({ queryKey: appointmentKeys.one(id) });
  qc.setQueryData<Appointment[]>(appointmentKeys.forContact(contactId), (list) => list?.filter((x) => x.id !== id));
}

/** Applies appointment events from the live connection while the calling view is mounted. */
export function useAppointmentsLive(): void {
  const { realtime } = useSession();
  const qc = useQueryClient();
  useEffect(
    () =>
      realtime.onFrame((frame) => {
        if (frame.type === 'appointment.created' || frame.type === 'appointment.updated') upsertAppointment(qc, frame.data as Appointment);
        else if (frame.type === 'appointment.deleted') {
          const d = frame.data as { id: string; contactId: string };
          removeAppointment(qc, d.id, d.contactId);
        }
      }),
    [realtime, qc],
  );
}
