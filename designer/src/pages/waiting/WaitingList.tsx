import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { formatDateTime, useI18n } from '../../lib/i18n';
import { changed, queries } from '../../lib/query';
import { PageHead } from '../../components/PageHead';
import { Link } from '../../components/Link';
import { Table } from '../../components/Table';
import { ErrorMessage } from '../../components/ErrorMessage';

export const waitingWords = {
  nl: {
    title: 'Wachtlijst',
    intro:
      'Wie op een plaats wacht, in volgorde van binnenkomst. Komt er een plaats vrij, dan krijgt de eerste op de lijst hem aangeboden.',
    places: (taken: number, places?: number) =>
      places === undefined ? `${taken} plaatsen bezet` : `${taken} van ${places} plaatsen bezet`,
    free: (n: number) => (n === 1 ? '1 plaats vrij' : `${n} plaatsen vrij`),
    position: 'Plek',
    name: 'Naam',
    since: 'Op de lijst sinds',
    days: 'Dagen',
    status: 'Nu',
    yourTurn: 'Aan de beurt',
    waits: 'Wacht',
    offer: 'Plaats aanbieden',
    none: 'Niemand wacht.',
    print: 'Afdrukken',
  },
  en: {
    title: 'Waiting list',
    intro: 'Who waits for a place, in the order they came. When a place frees up, the first on the list is offered it.',
    places: (taken: number, places?: number) =>
      places === undefined ? `${taken} places taken` : `${taken} of ${places} places taken`,
    free: (n: number) => (n === 1 ? '1 place free' : `${n} places free`),
    position: 'Place in line',
    name: 'Name',
    since: 'On the list since',
    days: 'Days',
    status: 'Now',
    yourTurn: 'Their turn',
    waits: 'Waits',
    offer: 'Offer a place',
    none: 'Nobody is waiting.',
    print: 'Print',
  },
};

/** The site's waiting lists for the coördinator: the order, the waiting time, and who is offered a free place. */
export function WaitingList() {
  const { locale } = useI18n();
  const w = waitingWords[locale];
  const lists = useQuery(queries.waitingList());
  const offer = useMutation({
    mutationFn: (e: { id: string; event: string; revision: number }) => api.sendEvent(e.id, e.event, {}, e.revision),
    onSuccess: (_case, e) => changed.caseMoved(e.id),
  });
  return (
    <main className="page wide">
      <PageHead title={w.title} intro={w.intro} print={w.print} />
      <ErrorMessage error={lists.error ?? offer.error} />
      {lists.data?.map((l) => (
        <section key={l.workflow} className="card" aria-labelledby={`waiting-${l.workflow}`}>
          <h2 id={`waiting-${l.workflow}`}>{l.title}</h2>
          <p>
            {w.places(l.taken, l.places)} · {w.free(l.free)}
          </p>
          {l.entries.length === 0 ? (
            <p className="muted">{w.none}</p>
          ) : (
            <Table
              className="report-table"
              data-testid={`waiting-${l.workflow}`}
              columns={[w.position, w.name, w.since, w.days, w.status]}
            >
              {l.entries.map((e) => (
                <tr key={e.id}>
                  <td>{e.position}</td>
                  <th scope="row">
                    <Link to={`/cases/${e.id}`}>{e.name}</Link>
                  </th>
                  <td>{formatDateTime(e.since, locale)}</td>
                  <td>{e.days}</td>
                  <td>
                    {e.offered && e.event ? (
                      <>
                        <span className="flag">{w.yourTurn}</span>{' '}
                        <button
                          disabled={offer.isPending}
                          aria-label={`${w.offer}: ${e.name}`}
                          onClick={() => offer.mutate({ id: e.id, event: e.event!, revision: e.revision })}
                        >
                          {w.offer}
                        </button>
                      </>
                    ) : (
                      <span className="muted">{w.waits}</span>
                    )}
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </section>
      ))}
    </main>
  );
}
