import { createContext, useContext, useState, type ReactNode } from 'react';
import type { Locale } from '../../../engine/text';

const nl = {
  appName: 'WijkLeerbedrijf',
  login: 'Inloggen',
  logout: 'Uitloggen',
  username: 'Gebruikersnaam',
  password: 'Wachtwoord',
  loggingIn: 'Bezig met inloggen…',
  cases: 'Dossiers',
  newCase: 'Nieuw dossier',
  search: 'Zoek op naam',
  allWorkflows: 'Alle processen',
  name: 'Naam',
  process: 'Proces',
  step: 'Stap',
  updated: 'Bijgewerkt',
  noCases: 'Geen dossiers gevonden.',
  open: 'Openen',
  back: 'Terug naar dossiers',
  data: 'Gegevens',
  actions: 'Wat kan nu',
  noActions: 'Dit dossier is afgesloten.',
  history: 'Geschiedenis',
  save: 'Opslaan',
  cancel: 'Annuleren',
  saving: 'Bezig…',
  required: 'verplicht',
  yes: 'Ja',
  no: 'Nee',
  choose: 'Kies…',
  isRequired: 'Dit veld is verplicht',
  create: 'Aanmaken',
  outcome: 'Uitkomst',
  by: 'door',
  stale: 'Iemand anders heeft dit dossier net gewijzigd. De nieuwste stand is geladen; kijk of je actie nog nodig is.',
  notAllowed: 'Niet mogelijk',
  since: 'in deze stap sinds',
  language: 'English',
  loading: 'Laden…',
  of: 'van',
  previous: 'Vorige',
  next: 'Volgende',
  done: 'Afgerond',
  checklist: 'Aftekenlijst',
  reports: 'Rapportage',
  worklist: 'Werklijst',
  meeting: 'Voortgangsoverleg',
  users: 'Gebruikers',
  board: 'Bord',
  checklistNow: 'Bij deze stap',
  checklistAll: 'Hele aftekenlijst',
  signedBy: 'afgetekend door',
  on: 'op',
  signedCount: 'afgetekend',
  screened: 'afgeschermd',
  sharing: 'Delen',
  calendar: 'Kalender',
};
type Strings = typeof nl;
const en: Strings = {
  appName: 'WijkLeerbedrijf',
  login: 'Log in',
  logout: 'Log out',
  username: 'Username',
  password: 'Password',
  loggingIn: 'Logging in…',
  cases: 'Cases',
  newCase: 'New case',
  search: 'Search by name',
  allWorkflows: 'All processes',
  name: 'Name',
  process: 'Process',
  step: 'Step',
  updated: 'Updated',
  noCases: 'No cases found.',
  open: 'Open',
  back: 'Back to cases',
  data: 'Details',
  actions: 'What can be done now',
  noActions: 'This case is closed.',
  history: 'History',
  save: 'Save',
  cancel: 'Cancel',
  saving: 'Saving…',
  required: 'required',
  yes: 'Yes',
  no: 'No',
  choose: 'Choose…',
  isRequired: 'This field is required',
  create: 'Create',
  outcome: 'Outcome',
  by: 'by',
  stale:
    'Someone else has just changed this case. The latest state is loaded; check whether your action is still needed.',
  notAllowed: 'Not possible',
  since: 'in this step since',
  language: 'Nederlands',
  loading: 'Loading…',
  of: 'of',
  previous: 'Previous',
  next: 'Next',
  done: 'Closed',
  checklist: 'Sign-off list',
  reports: 'Reports',
  worklist: 'Worklist',
  meeting: 'Progress meeting',
  users: 'Users',
  board: 'Board',
  checklistNow: 'For this step',
  checklistAll: 'Whole sign-off list',
  signedBy: 'signed by',
  on: 'on',
  signedCount: 'signed',
  screened: 'screened',
  sharing: 'Share',
  calendar: 'Calendar',
};

const I18n = createContext<{ locale: Locale; t: Strings; setLocale: (l: Locale) => void }>({
  locale: 'nl',
  t: nl,
  setLocale: () => {},
});

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => (localStorage.getItem('wlb.locale') === 'en' ? 'en' : 'nl'));
  const setLocale = (l: Locale) => {
    localStorage.setItem('wlb.locale', l);
    document.documentElement.lang = l;
    setLocaleState(l);
  };
  return <I18n.Provider value={{ locale, t: locale === 'en' ? en : nl, setLocale }}>{children}</I18n.Provider>;
}

export const useI18n = () => useContext(I18n);

export function formatDateTime(iso: string, locale: Locale): string {
  return new Date(iso).toLocaleString(locale === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'medium', timeStyle: 'short' });
}
