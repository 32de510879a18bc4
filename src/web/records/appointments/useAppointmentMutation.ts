/** One write to an appointment at a time, with its error kept for the form or panel to show. */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Appointment } from '#shared/appointments';
import { upsertAppointment } from './queries';

export function useAppointmentMutation() {
  const qc = useQueryClient();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  /** Runs a write named `what` (the busy label); true when it succeeded. */
  async function run(what: string, write: () => Promise<Appointment>): Promise<boolean> {
    setBusy(what);
    setError(null);
    try {
      upsertAppointment(qc, await write());
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(null);
    }
  }

  return { run, busy, error, clearError: () => setError(null) };
}
