// A generator of large synthetic fact packs, deterministic from a seed, for the benchmarks (Node and
// browser) and for tests that need many facts. Patterns look like a newsroom's: 2-6 words, some
// alternatives and optional words, a number slot in some, drawn from real news vocabulary so that
// page text keeps entering and leaving the automaton as real packs make it do. Pure TypeScript: the
// browser benchmark bundles it.

import { PACK_SCHEMA_VERSION } from '../core/pack';
import type { Fact, Figure, Matcher, Pack, Source } from '../core/pack';
import { NUMBER_WORDS } from '../core/numbers';
import { STOP_WORDS } from '../core/pattern';

/**
 * The 3,020 words that occur on at least 3 of the 40 corpus pages (../shared/corpus), most frequent
 * first, as cli/extract-html.ts reads the pages: letters only, 2-14 long, lower case. Derived from
 * the corpus once and frozen here, so the generator needs no files and gives the same pack anywhere.
 */
const VOCABULARY_TEXT = `
the of and to in is new for it on that with you as from this by at an was are more be but they has
its not their have or your one all can about had he like up if which were de her said will when
out news his what how time who into most first other she world we no people there also get than
would january after do over share us my been just advertisement some so now may video government
year make them only trump free our two march even business don could april life use re times
culture these main yahoo planet see since years article original way company february any because
many need space york home good today health help go tech then island le made source still read
united while work city great next south com data sign being down firefox la such around before
open articles part facebook game games media web artist edit history last own set food here pdf
site ve where why between off support country policy public should story take undo comments
community states used available economy find much software want amazon best both english june save
view against am cpu high real follow july mobile neon through uber back ed google same science
universe well brain december each every international living page big deal know lifehacker point
really something sports twitter war buy called found including list name online play prime system
technology aa another apple day long money pacific post project september american august during
film me might per privacy report sale stories th australia email language november terms top under
water without app billion deck foods information published says three whole based century
education going interest north power art better few him john national office right start things
very xbox america british department development economic en et lot old press rights state think
began cards contact jobs links local place se store tax trade using become come content ever
future known look pro started those became change enough events general number politics put
related tv within code early party que research say services though wars away chaos create design
european flag form ll major microsoft movies music never once statistics subscribe thing
university already deals did different does everything however image makes non october person
photo run social too un account again always co human magazine making market morning opinion past
products review star stop team tools topics currently device full land org president recent second
security someone special sponsored vr arts books countries internet left network paper popular
reading service test ago developer developers didn fashion fewer guide kind lost love million
price reply ship simple style videos woman click climate developed family group mind newsletter
sales west able almost following images impact industry key largest latest officials order rate
region took travel weather week works access act actually anyone anything area console films getty
later learn less live military navigation obama personal places political previous race
technologies total tweet version went women across add age chief experience half house important
insider itself little log mother official plan print rates search smith until apps browser budget
case dark foundation french head iv job law london mark member moment movie newsletters prices
problem quality room soon whether won working written according book center central check china
computer continue dead doesn done features getting hard isn let line move mr nations offer
originally pay product saw scientists told youtube card ceo cities cnet created cuts daily demand
end environment far finance force having keep korea large launch patrick process quickly seen
shows thanks together vision wrote yet ad address applications comment course court current doing
drivers further gaming global got index item james javascript js late light nation os par photos
private probably release shopping skip society species spending sport taking text white advertise
air although black build call came captions death energy entertainment face foreign goes held inc
income instead iphone least man members month named nothing pm programming progress queen russian
self several similar small stars stores street television trends uk unique worth along among born
coming david days decision donald edition engineering eventually example fact fans feel france
friends hotel infrastructure join led lie link looking medium memory michael paid pick pinterest
plans platform points rugby series short standard success sure surface themselves tool try trying
understand via yourself advertising agency allowed believe below block blog changes children
companies containing contributors cost cut digital discovery either five hand idea inbox included
journal likely low medical minister numbers plus police relations role shared show skills student
systems telling third winter abc atmosphere australian authorities avoid cabinet cancer care
categories decades easy election entire evidence followed four give highest hope hours html
increased inside japan kids lady leave leaving level majority marketing ms near needed paris
performance pop program rather record released reuters single size son southern standards
statement strategy stuff subscriptions true users website wrong acquisition allow ancient
announced annual associated association blogs bought building campaign caused close communities
control council crisis east else engine explore external freedom include increase license
literature manually material mission needs obituaries others percent picture position received
recently red revenue secretary signs spent super talk target thursday tom turned uses value window
write young action added attack becoming behind bring buying closed conversation criticism cross
decade devices display download drug due earlier estate europe fast fell finally fish issue issues
items justice legal lighting longer mean means messages model moved names net offers often ones op
pain parts possible projects provide quarter questions reason reserved results sanctions selling
settings simply sound sunday tell titles trading transparency turn union vote watch worst affairs
asked atlas becomes bill bit board cars changed choices dated director dollar editor everyone
feature featured festival financial focus former gone graph groups includes kim languages learning
location miles must nearly night outside paying perfect piece please posted profile receive
reported rest reviews ross royal running sea sell sense sharing si six smart staff status strong
suite supply supported survey territory towards treasury trilogy user wanted wasn ways whose
worlds writing yesterday ability actions activities addition administration ads advanced allows
answers asian assets au author built car choice chris class comes common conditions cooking
copyright costs creative crossword date decided delivered details discovered eat employees
executive expected feedback field fire gas giant ground happen hardware healthy hero higher highly
hit ideas immediately innovation killed leader looks lower matter meaning men method mode months
native natural nuclear pages playing playstation powerful practice pricing production profit
question random reality religion rise russia salon seems sex solutions sometimes specific station
study summer taboola thousands traditional tried type utc words worse above additional alan alone
andrew api average background bad beneath beyond blue california capital chance chicago christmas
clearly command consider corporation creating crew critical dec die died diet direction drink
error ex exactly experts fall famous federal felt final forget founder front function generally
gets guidelines guy hear heart https humans husband intelligence jones lines lists maintain manage
map markets nature note opens operating pc permanent photography php plenty pocket potential
problems promoted raised response retail robert school scientific screen season send shares sony
structure students takes theory toward track traffic updated washington accept agree aid android
architecture aren bank bed benefits brian brought businesses category cells changing charge
citizens clear commons complete continued corrections cover coverage customers dance defense
depression despite develop empire especially established evolution experiences eye faq father
fight florida formed friday friend governing growing growth happened happy hidden hosting huge ii
instagram institute introduction involved journey lee letters limited maybe miss netflix nintendo
northern nyt officially overseas owned particularly passed podcast professional protest provided
quite radio rail range registered remain responsible rss san sent sexual significant sources span
spend successful temple term trending waiting walk watching wednesday western william www active
adopted advice amount angeles ap arrived artificial baby baker base battle begin body breaks
buildings buyer buzz cannot catch caught challenges claims clinton cold commercial compared
complex connection consumer cookie core credit custom danger declared delivery described
difference directly disease earth easily editorials efforts endless era eu faces facing fail
faster favorite fitness floor fully gear generate glass greatest guys heard historical hold homes
hostile hour increasing instance institutions interested introduced knowledge launched learned
levels listed literally lives los mail management marine mid middle monthly museum none notice
organization origins particular passion path period picks placement planning played plays podcasts
portal pound powered profits protected provides purpose reached relief required resources result
return richard rock sarah saying score secrets section seeking seven sites slowly sold solution
speaking stay studies theater thinking thought tips title touch transportation treatment types
urban voices whatever wikimedia wouldn afp ahead alerts analysis anti apply approach arrival
artists asking attention audio basic bay benefit biggest birth blood bottom buys carrier cast
certainly certification chain character charges choose christian club color commission completely
computers connected contributed controversy corporate covered crazy creation crime cs customer
dangerous deep defeat degree deliver designed devastating difficult dominated dr drive edward
elect engineer entered essentially event exclusive expanded expensive expert explain export fair
feed fighting figure focused forecasts fresh fun fund gave ghost given grade greater grow homepage
honest hundreds informed initial interesting investment iron journeys kit label larger library
lifestyle loading looked loss machine meeting mention min minutes modern multimedia multiple
narrative nightmare noted nov ocean offered onto organic pass paul perspective phone physical
poison policies practices presented presidential prison produce programs protection ps purchase
rare reasons remember replacement reportedly reports revenge rex risk roughly runs rush safe sans
saved seem seriously showed shown sick slow sort spread starting stays step strange strength
studied subject supreme taken taxes theme threat throughout unknown unless upgrade values versions
virtual visit wall wants wave widely wild wine word accepted accessibility adchoices allies
allowing announcement aol arrive auto beautiful beauty beer beginning believed ben bigger birthday
boeing brands break brief broadcast button certain chaotic cheap clark columnists combination
components concerns condition connections cool couldn craft dating dawn deeply democratic describe
destination divided dollars driven driver duty easier economist editorial eight emergency england
enter entry escape exercise exist extremely eyes fed feels feet fiction figures file format forum
funny gained generated girl goods gordon gradually green hands happens haven hire hole horror hurt
improve increasingly install interests interior ios jedi jennifer jenny joined jump keeps killer
lab lack launches lead league leak listings lose margaret marriage matt meanwhile meetings mental
mixed mm moments monitor monitoring mostly motion movement necessary notes oh older operation
options ordered output percentage peter pets posts pressing pretty previously priced primarily
produced publishing reach reader reads realize recover reduce remains remove replace replica
requests researchers revealed route rules saving sciences separate server showing side sight sir
slightly square starts stock strategies strike suddenly summit supporting surviving sustainability
testing tiny tip training trips tuesday turns understanding updates varied vast veteran volume
wait weddings weekly weeks workers writer writers yield academy actual advantage agreement
alternative amounts anywhere apart appears ask attempt audience automatically automobiles aware
binary brand bravo brooklyn calling cambridge careers cause celebrity chairman chinese choses
classic classifieds cloud combat communications computing concern conference connect considered
consumption contemporary contributing controversial correct corruption counter daughter deadly
debate default depth desk desktop determine direct discover door eastern effects enabled ending
ends español estimates etc ethics evolving exact exhibition existed expect facility failed
families feb female finding firm fix flash flight flow formula frame georgia graduate gross halt
harder headquarters herself hillary holds holiday holy ice impossible increases independent india
installed intended interface irish jim joe knew largely leaders leading lets lift linkedin loaded
located login lowered lucky managing manual martin meant measures meet menu met millions minute
monday mountain moving nasa object outline overall owners owns passenger peace peek perhaps pieces
placed plate poor portfolio pounds premier promote purposes push puts rapidly receiving references
regarding register regulations remaining remote republican request require resolution ride rule
ryan secret seemed select selected sells senses serious severe shift ships significantly sorry
sounds speak speech speed spirit sponsorship stable storm strikes supporters supports surprised
switch taylor telecom tells temperatures terry threshold tracking transfer tries truth tumblr
ultimate unable unit upcoming upshot usually vessel victoria votes voting warning weight welcome
welfare weren wide wife windows worked writes yes academic afghanistan alex alleged amid analog
anger animals apparent appeal aside assault assembly award awareness babbel barry basically begins
behavior billions blind boston box boy breaking browsing bruce bugs buried burning canada
candidate capable carefully carry cases cbs centre challenge child christopher civil civilians
clean cnbc coal college combine committee commonly compiled conferences conflicts consciousness
contained contest contributions count couple covers creators cultures cutting daniel database
decide declined deeper definition designers desire destinations detail diego differences district
documentation dog drama ease eating edge effect effective efficient effort ended enemies engadget
engage engagement equity errors essential existing experienced experiment exploration extensive
fabric faced facilities fairly fake fallen fear fellow fill fine fiona fit follows foot football
forced forming forms founded gathered genre george germany gift github giving gotten handled
happening hasn heading headlines healthcare hearing hell helping himself honor hosts http
identified identifying illustrated imagine indeed individual industrial info ingredients
instruments interview invested investigate io italian johnson json katie kept kill killing knows
kong labels labor laura leadership letter letting linux lived mac madness magic male managed match
matters message minority moon myself nearby nine noticed obvious officer officers offices ordinary
ownership parents parties partners pays performed pictures pioneer plane planned platforms
portrait preferences pressure programmer protests pull puzzles raise rank ray readers readings
recommended reddit reduced regardless relationships remained reminder removed rep replies
reputation resource responses resulting rich rig river roman rose sam scores sections secure
seemingly senate senator sending senior serve shadow shocked shoot silicon simon sky smaller snow
spectacular spot steven stopped stream suffered suggestions suggests symbol symbols targets
technically tests theaters therefore tomorrow totally tough trackr trademark trend trial trick
trip typical unpredictable valid various vibrant violence violent viral visual voice wet whatsapp
wildlife willing wish witnessed worry absolutely accounts accuses advertised advised aggressive al
angry appeared approached approval arguments arms army attempted attracted aug authors avatar axis
banking basis beat believes biden biz blame bob bold border bringing broken brown burned burns bus
café camera campus capacity career cat certified channels chose chronicles colin collaborate
collaboration colleague collection collective comey comfortable competing competition competitors
complicated concerned conclusion conflict consistently consoles contain context contracts controls
conversations corner crafted crash creator cult currency cycle dallas damaged danny dates
debugging decline dedicated defend democrats depend deserve detailed directory discoveries double
dropped elements embed emerged emphasis employ employee enable ensure entirely epic equally
estimated excellent exchange excited expansion explains expressed extra extreme factor facts
falling fastest favor fee feeling filed filling finish finished fixing font fool functions funds
gain galaxy gallery gamble genius ghosts gives goal goals gold guess harry hate heavily helped
henry holding hong hot housing ian identify implement importance infant insisted installation
interactive internal intuitive invalid investigating involving jan judge keeping kinds launching
legendary length leverage lgbt libraries lifted limits llc load locations logged lol lord losing
lots loved luck mainly maintained maps marvel massive mathematics mechanism medal membership
menace mentions mentor merged meta mexico mini mining missing modest morris moves navigator newly
nice nicole nominal notifications occur oct odd offering oldest opened operates operations
optimization organizations outdoors painted parallel participate partner patent paycheck payment
peak permissions perspectives photographs plain plunged pointed possibly pr precisely prepared
present principle prize processes producer professionals professor programmes promise protect
psychology publicly publishes pure putin quest quick ranking rating react records reference
regular relationship relatively reporter representing reprints responsibility retreat returned
reverse rio rises road roads rogue safety samsung sat savings scale scene scientist seats seeing
setting severely shame shot sides sitemap sitting slows somewhere sponsors stage stepped steps
stewart stick storage straight struck stunning suck suggest suggested suppressed surprises
surprisingly surrounded suspected teams temperature terror thus tim tons traded trailer trigger
typically unfortunately unlike unlock update ups usage viewer views virginia visitors vital vs
wake walls warned warrior weapons wearable weekend weird wellness wonder workplace worldwide yours
youth zero zoom accountable accurate achieved acknowledged adapted affect afford aging aim albeit
alternatives amateur amazing anytime appear appreciate archive argentina argument artistic assumed
attempts awakens awesome banks battlefield battles beware bid billionaire bloc bonds brains
branded briefly brother bunch cameras canadian candidates cap capped capture careful casual
catching causing cc ces champions channel chapter charged charts cheaper checks christie circles
citing cleared closer closing collector commodities compelling competitive comprehensive concluded
conduct consequences considering contains continues contract contrast cookies critics cultural
cyber davidson deputy determined disagree disaster discuss discussions dish displays dividend
donate doubt drag draw dual earn effectively emergence endangered enjoyed enormous equal
equivalent essay essence establish euro everyday exciting exclusively expense explosion
extraordinary fails familiar fantasy fashioned fault fears feelings fifth figuring fixed flickr
forecast forward frozen fullscreen gadgets garbage gathering gifts grab grew grounds gut hall
hammer harvard headed headline heads hiding highway hop icon id ignored imagery imagination
immediate improved improvements incident individuals initially insane inspired insurance intense
intentionally interaction interrupted invest iran isolated italy jeff jeffrey joins jon jul kelly
keys knight lands lg likes linked lisa lit loans locks loud machines mar marked master mayor meets
metal metaphor metric models murder mysterious mystery normal objects observer oliver ongoing
opponents opposed organized outdoor parent park parks participating passage patents patient
photographer pile pilot planner polar premiered prevent prior producing protocol prove providing
publish putting ran ranging raw ready realized reflection releasing relevant replaced represent
responded returning rides risen rivals roberts rough routinely salmon seasonal seeks segment
served shape shaped sharp sheet shipping shots silent silver simpler situations somewhat
specifically split spoke sponsor squeezed stakes stands starring startup steadily structures
struggling stuck suffers supposed surprise surveyed survival sweet switched tablet talking tap
targeted task technical techniques teens terrifying themes thereby thoughtful thrilling ties
timeline town trail train transferred transit transition translated tree troops truly trust
trusted twice uncertainty units valley variants viewed viewing visible void walking warren wealth
welcomed win wiped wired wires wonders wore
`;

export const SYNTHETIC_VOCABULARY: readonly string[] = VOCABULARY_TEXT.trim().split(/\s+/);

/** The most frequent words (articles, prepositions, "the", "de") never start a pattern. */
const COMMON_RANKS = 150;

/** Words that can anchor a pattern: not among the most frequent, not a word the compiler counts as
 * common (a pattern of only those is refused as too broad), not a word the number reader takes
 * ("over", "million": next to a slot they would be read into the number, so never match). */
const CONTENT_WORDS: readonly string[] = SYNTHETIC_VOCABULARY.slice(COMMON_RANKS).filter(
  (word) => !STOP_WORDS.has(word) && !NUMBER_WORDS.has(word),
);

export interface SyntheticPackOptions {
  /** How many facts. */
  facts: number;
  /** Same seed, same pack. Default 1. */
  seed?: number;
  /** Pack id. Default "synthetic". */
  id?: string;
  /** Share of facts whose pattern has a {count} slot and that carry a figure. Default 0.2. */
  numberShare?: number;
}

/** mulberry32: a small, fast, well-distributed 32-bit generator; enough for test data. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SOURCE_COUNT = 20;

/**
 * A pack of `facts` synthetic facts with valid structure (it passes facts/load.ts): each fact has
 * one or two matchers (English; every fourth also a second pattern tagged Spanish), a citation, and,
 * for number facts, one figure whose quote contains its value. Texts say plainly they are synthetic.
 */
export function syntheticPack(options: SyntheticPackOptions): Pack {
  const random = createRandom(options.seed ?? 1);
  const numberShare = options.numberShare ?? 0.2;
  const vocabulary = SYNTHETIC_VOCABULARY;
  const below = (n: number) => Math.floor(random() * n);
  // Zipf-like: frequent words are drawn more often, as in real phrases.
  const anyWord = () => vocabulary[Math.floor(vocabulary.length * random() ** 1.6)]!;
  const contentWord = () => CONTENT_WORDS[below(CONTENT_WORDS.length)]!;
  const phrase = (words: number) => Array.from({ length: words }, anyWord).join(' ');

  const pattern = (withNumber: boolean): string => {
    const units: string[] = [contentWord()];
    const length = 2 + below(5); // 2-6 words before optional and alternative groups
    let groups = 0;
    while (units.length < length) {
      const roll = random();
      if (roll < 0.15 && groups < 2) {
        // (a|b c|d): 2-3 alternatives of 1-2 words
        const count = 2 + below(2);
        units.push(`(${Array.from({ length: count }, () => phrase(1 + below(2))).join('|')})`);
        groups++;
      } else if (roll < 0.25 && groups < 2) {
        units.push(`[${anyWord()}]`);
        groups++;
      } else {
        units.push(anyWord());
      }
    }
    if (withNumber) {
      // A content word on each side of the slot, so the slot's neighbours stay words.
      const at = 1 + below(units.length - 1);
      units[at - 1] = at === 1 ? units[0]! : contentWord();
      units[at] = contentWord();
      units.splice(at, 0, '{count}');
    }
    return units.join(' ');
  };

  const sources: Source[] = Array.from({ length: SOURCE_COUNT }, (_, i) => ({
    id: `source-${i + 1}`,
    title: `Synthetic source ${i + 1}`,
    publisher: 'ClaimLens benchmark',
    date: '2025-01-01',
    url: `https://example.org/synthetic/${i + 1}`,
  }));

  const facts: Fact[] = [];
  for (let i = 0; i < options.facts; i++) {
    const withNumber = random() < numberShare;
    const source = sources[below(SOURCE_COUNT)]!.id;
    const matchers: Matcher[] = [{ lang: 'en', pattern: pattern(withNumber) }];
    if (i % 4 === 3) matchers.push({ lang: 'es', pattern: pattern(withNumber) });
    const fact: Fact = {
      id: `fact-${i + 1}`,
      kind: withNumber ? 'count' : 'label',
      claim: `Synthetic claim ${i + 1}`,
      context: `Synthetic context for benchmark fact ${i + 1}.`,
      citations: [{ source, quote: `Synthetic quote ${i + 1}.` }],
      matchers,
    };
    if (withNumber) {
      const value = 10 + below(9990);
      const figure: Figure = {
        value,
        unit: 'people',
        qualifier: 'exact',
        date: '2025-01-01',
        source,
        quote: `${value} people (synthetic)`,
      };
      fact.figures = [figure];
    }
    facts.push(fact);
  }

  return {
    schemaVersion: PACK_SCHEMA_VERSION,
    id: options.id ?? 'synthetic',
    version: '1.0.0',
    title: `Synthetic pack of ${options.facts} facts`,
    publisher: 'ClaimLens benchmark',
    languages: ['en', 'es'],
    published: '2025-01-01',
    description: 'Generated by bench/synthetic-pack.ts for benchmarks and tests; not real claims.',
    sources,
    facts,
  };
}
