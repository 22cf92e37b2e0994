/**
 * Words a password must not be, give or take digits and punctuation around them and letters
 * written as digits (`Welkom2024!`, `p@ssw0rd`): the top of the published breach lists, and the
 * Dutch words, places and seasons people here pick. Ours, written down by hand, not a copied list;
 * the length rule and the patterns in passwords.ts do the rest.
 */
export const weakWords: ReadonlySet<string> = new Set(
  `
password passwort passe wachtwoord mijnwachtwoord mypassword welkom welcome geheim secret
letmein admin administrator beheerder root user gebruiker login changeme default test testtest
qwerty qwertz azerty asdf zxcv qazwsx zaqwsx qwertyuiop asdfghjkl iloveyou ikhouvanjou
monkey dragon football voetbal baseball soccer hockey master sunshine princess shadow
superman batman trustno whatever freedom hello hallo doei internet computer samsung apple
google facebook starwars pokemon liverpool chelsea arsenal ajax feyenoord psv killer cheese
cookie chocolate banaan hondje poesje schatje liefje lieverd liefde jordan michael jennifer
charlie thomas daniel jessica ashley hunter ranger buster
nederland holland amsterdam rotterdam utrecht limburg venray horst gennep gilde school
zorg welzijn wijk wijkleerbedrijf leerbedrijf student docent coordinator projectleider
medewerker stuurgroep
zomer winter lente herfst voorjaar najaar summer spring autumn
januari februari maart april mei juni juli augustus september oktober november december
maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
`
    .split(/\s+/)
    .filter(Boolean),
);
