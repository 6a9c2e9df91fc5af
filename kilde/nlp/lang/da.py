"""Danish word lists used by the readers and the analysis components.

Data only: the components import these, so another language can supply its own.
"""
from __future__ import annotations

MONTHS = [
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
]
WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]

FUNCTION_WORDS = frozenset(
    "og i at det er en til på de med for af som der ikke har den var han hun et om men "
    "vi jeg skal kan fra efter også blev ved så siger sagde eller vil nu være havde deres "
    "sig man når hvor over mod ud få mellem bliver blevet denne dette disse hvis kun".split()
)

# Punctuation conventions of Danish news.
DASHES = frozenset({"-", "–", "—"})
OPEN_QUOTES = frozenset({"»", "“", "”", '"', "„", "‘", "'", "«"})
CLOSE_QUOTES = frozenset({"«", "”", "“", '"', "’", "'", "»"})

# --- Quotes ---------------------------------------------------------------
# Speech verbs, finite forms (present, past). Thought and estimate verbs are kept
# apart: their indirect speech is optional in the guidelines.
SPEECH_VERBS = frozenset("""
siger sagde fortæller fortalte udtaler udtalte oplyser oplyste skriver skrev tilføjer tilføjede
forklarer forklarede understreger understregede advarer advarede afviser afviste erkender erkendte
fastslår fastslog konkluderer konkluderede pointerer pointerede fortsætter fortsatte lyder lød
meddeler meddelte bekræfter bekræftede påpeger påpegede uddyber uddybede svarer svarede
kalder kaldte råber råbte udbryder udbrød erklærer erklærede beretter berettede noterer noterede
indrømmer indrømmede medgiver medgav anerkender anerkendte beklager beklagede hævder hævdede
peger pegede betoner betonede påstår påstod hedder
forsikrer forsikrede insisterer insisterede melder meldte annoncerer annoncerede konstaterer
konstaterede præciserer præciserede gentager gentog begrunder begrundede tweeter tweetede
nægter nægtede benægter benægtede afslører afslørede lover lovede opfordrer opfordrede
kræver krævede argumenterer argumenterede bemærker bemærkede slår slog understreger fremhæver fremhævede
mindede minder anfører anførte garanterer garanterede bebuder bebudede varsler varslede
oplyses fremgår lyder
sagt fortalt udtalt oplyst skrevet tilføjet forklaret understreget advaret afvist erkendt fastslået
meddelt bekræftet påpeget erklæret annonceret meldt udtrykt udtryk hævdet lovet krævet opfordret nægtet
benægtet anført gentaget præciseret varslet bebudet noteret indrømmet
kritiserer kritiserede kritiseret peget
""".split())
THOUGHT_VERBS = frozenset("""
mener mente tror troede håber håbede synes syntes forventer forventede vurderer vurderede
skønner skønnede frygter frygtede regner regnede ment vurderet forventet
spår spåede spået
""".split())
CUE_VERBS = SPEECH_VERBS | THOUGHT_VERBS
# Cues that point back to what came before: "Det siger Blinken", "Sådan lyder det fra ...".
BACK_POINTERS = frozenset({"det", "sådan", "dette", "således"})
PRONOUNS = {"han": "PER", "hun": "PER", "de": "GROUP", "den": "ORG", "det": "ORG"}
# Words after a speaker's name that end the noun phrase (prepositions, adverbs, times).
NP_STOP_WORDS = frozenset("""
i til ifølge på over overfor under efter om da som og at der med hos ved fra for mens men
desuden således også derfor videre blandt bl.a. nu senere tidligere lørdag søndag mandag tirsdag onsdag
torsdag fredag i dag i går torsdags ikke samtidig dog endvidere yderligere her
""".split())
AFFILIATION_WORDS = frozenset({"fra", "ved", "hos", "for", "i"})
# Role nouns (indefinite singular stems). A definite form ("ministeren") refers back
# to a person introduced with a role ending in the same stem ("udenrigsminister").
ROLE_STEMS = (
    "minister", "præsident", "direktør", "formand", "formandinde", "træner", "chef", "leder",
    "sekretær", "talsmand", "talskvinde", "talsperson", "ordfører", "borgmester", "ambassadør",
    "kansler", "konge", "dronning", "prins", "anklager", "advokat", "forsker", "professor",
    "økonom", "analytiker", "ekspert", "inspektør", "kommissær", "vagtchef", "vagthavende",
    "general", "admiral", "kommandør", "redaktør", "journalist", "korrespondent", "guvernør",
    "senator", "rådmand", "medlem", "kandidat", "forsvarer", "dommer", "biskop", "pave",
    "statsminister", "premierminister", "landsstyreformand", "generalsekretær", "diplomat",
    "bestyrelsesformand", "borgmester", "kaptajn", "spiller", "forfatter", "instruktør",
    "skuespiller", "chefbooker", "repræsentant", "embedsmand", "meteorolog", "læge", "overlæge",
    "epidemiolog", "virolog", "chefstrateg", "strateg", "ejer", "stifter", "grundlægger", "partner",
    "politiker", "folketingsmedlem", "parlamentsmedlem", "medlem", "sygeplejerske", "betjent",
    "politimand", "rigspolitichef", "politidirektør", "anklagemyndighed", "seniorforsker", "lektor",
    "docent", "chefredaktør", "vært", "kommentator", "analytiker", "kok", "landstræner", "cheftræner",
    "assistenttræner", "sportschef", "manager", "anfører", "målmand", "kaptajn", "viceadmiral",
    "forsvarschef", "efterretningschef", "talsmand", "pressechef", "pressesekretær", "rådgiver",
    "sikkerhedsrådgiver", "diplomat", "udsending", "gesandt", "mægler", "forhandler", "hertug", "kronprinsesse",
    "modstykke", "kollega", "modpart",
)
# Relays: what introduces the channel a quote came through.
MEDIA_PREFIXES = ("nyhedsbureauet", "nyhedsbureauerne", "avisen", "dagbladet", "mediet", "tv-stationen",
                  "tv-kanalen", "radiostationen", "netmediet", "ugebladet", "magasinet", "statsmediet",
                  "nyhedsmediet", "nyhedssitet", "tidsskriftet", "det statslige nyhedsbureau",
                  "det statslige", "den statslige tv-station", "tv-stationen", "mediet", "public service-stationen")
