/** The location's name, time zone and country. */
import { useQuery } from '@tanstack/react-query';
import { get, errorMessage } from '../lib/api';
import { Spinner } from '../ui/Spinner';
import { LocationForm, type Location } from './LocationForm';

export function LocationSettings() {
  const location = useQuery({ queryKey: ['location'], queryFn: () => get<Location>('/location') });

  return (
    <section className="settings-section" aria-labelledby="location-title">
      <header className="settings-head">
        <h2 id="location-title">Location</h2>
        <p className="muted">The clinic’s name as your team sees it, and the time zone and country used for times and phone numbers.</p>
      </header>
      {location.isPending ? (
        <Spinner label="Loading location" />
      ) : location.isError ? (
        <div className="settings-card settings-problem" role="alert">
          <p>Could not load the location: {errorMessage(location.error)}</p>
          <button type="button" className="button" onClick={() => void location.refetch()}>
            Try again
          </button>
        </div>
      ) : (
        <LocationForm key={location.data.id} location={location.data} />
      )}
    </section>
  );
}
