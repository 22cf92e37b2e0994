import { describe, expect, it } from 'vitest';
import { diffDefinitions, readPackage, type WorkflowPackage } from '../engine';
import { shippedVariants, shippedWorkflows } from '.';

const read = (text: string): WorkflowPackage => {
  const r = readPackage(text);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message.en}`).join('; '));
  return r.package;
};

describe('shipped variants', () => {
  const venray = shippedWorkflows().find((d) => d.key === 'student-traject')!;
  const [horst, kinderopvang] = shippedVariants().map((v) => read(v.text));

  it('are sound packages based on the Venray student trajectory', () => {
    for (const pkg of [horst, kinderopvang])
      expect(pkg.provenance.basedOn).toEqual({ site: 'venray', key: 'student-traject', version: 1 });
    expect(horst.provenance).toMatchObject({ site: 'horst', key: 'student-traject' });
    expect(kinderopvang.provenance).toMatchObject({ site: 'venray', key: 'student-kinderopvang' });
  });

  it("keep from the student's own view what the Venray trajectory keeps from it (the intake report, obstacles)", () => {
    const staffOnly = Object.keys(venray.fields).filter((k) => venray.fields[k].staffOnly);
    expect(staffOnly.length).toBeGreaterThan(0);
    for (const pkg of [horst, kinderopvang])
      for (const k of staffOnly)
        if (pkg.definition.fields[k])
          expect(pkg.definition.fields[k].staffOnly, `${pkg.definition.key}.${k}`).toBe(true);
  });

  it("took over Venray's follow-up, language support and waiting list: the comparison misses none of them", () => {
    for (const pkg of [horst, kinderopvang]) {
      const changes = diffDefinitions(venray, pkg.definition);
      const missing = changes.filter((c) => / verwijderd$/.test(c.text.nl)).map((c) => c.path);
      expect(missing, pkg.definition.key).not.toEqual(
        expect.arrayContaining([
          expect.stringMatching(/nazorg|wachtlijst|TAALNIVEAU_B1|taalB1Datum|taalondersteuning/),
        ]),
      );
      expect(changes.find((c) => c.path === 'machine.states.intake.on.MATCH')).toBeUndefined();
      expect(changes.find((c) => c.path === 'machine.states.diploma.on.UITSTROOM_VASTLEGGEN')).toBeUndefined();
    }
    expect([horst, kinderopvang].map((p) => p.definition.reports?.capacity)).toEqual([16, 12]);
  });

  it('Horst differs in real ways: another intake order, no partner list, other durations', () => {
    const texts = diffDefinitions(venray, horst.definition).map((c) => c.text.nl);
    expect(texts).toContain("Stap 'Kennismaking in de groep' toegevoegd");
    expect(texts).toContain(
      "Actie 'Kennismaking plannen' in stap 'Aanmelding' (naar 'Kennismaking in de groep') toegevoegd",
    );
    expect(texts).toContain(
      "Veld 'Zorgstage bij': type van keuze naar tekst; heet nu 'Zorginstelling'; keuzes eraf: 'Vincent van Gogh', 'Proteion', 'De Zorggroep', 'MET ggz', 'Synthese', 'Andere instelling'; andere omschrijving",
    );
    expect(texts).toContain("Veld 'Duur van de opleiding': keuzes eraf: '18 maanden'; andere omschrijving");
    expect(texts).toContain("Actie 'Intakegesprek plannen' in stap 'Aanmelding' (naar 'Intake') verwijderd");
  });

  it('the childcare direction asks a VOG before the placement at a day-care centre', () => {
    const changes = diffDefinitions(venray, kinderopvang.definition);
    expect(changes.find((c) => c.path === 'fields.vog')?.text.nl).toBe("Veld 'VOG ontvangen' (ja/nee) toegevoegd");
    // Venray's welfare placement now lies in a region beside the help in the wijk (issue 23), so
    // the variant's, still where version 1 had it, is a step of its own, with its start action.
    const placement = changes.find((c) => c.path === 'machine.states.opleiding.states.welzijnsstage')!;
    const start = placement.parts!.find((p) => p.nl.startsWith("actie 'Stage kinderopvang starten'"))!;
    expect(start.nl).toContain('VOG ontvangen is ja');
  });
});
