"""Everyday Swedish and English words a search should not match on.

The knowledge is Finnish, and only some services have a Swedish or English description.
In those few passages a common Swedish or English word ("vecka", "gå", "annan", "year",
"other") is rare, so BM25 weighs it as if it named the need: a Swedish case of a lonely widow
("hela veckor går utan att hon pratar med någon annan") matched a memory course's Swedish
text on "vecka", "gå" and "annan". A Swedish or English question's lexical search leaves
these words out (the lemmas the tokenizer makes of them); what the cross-lingual glossary
adds in Finnish, and every rarer word, stays. The lists are the languages' function words,
auxiliaries, the commonest verbs and words of time and quantity — nothing that names a need
or a place ("ensam", "vän", "hemma", "home" are not in them).
"""

COMMON = {
    "sv": frozenset(
        """
och att det som en ett är av för med till på den de inte om har jag du vi ni han hon man
var vara kan ska eller men från vid så sig sin sina sitt hos där här nu också alla
i mig mitt min mina dig din dina ditt oss vår våra vårt er era ert dem deras hans hennes
deras denna detta dessa vilken vilket vilka vad vem vems när hur varför vart var
ha hade haft bli blev blivit blir vara varit är var göra gör gjorde gjort få får fick fått
kunna kunde kunnat skola skulle vilja vill ville velat måste må gå går gick gått komma
kommer kom kommit ta tar tog tagit se ser såg sett säga säger sa sade sagt veta vet visste
ge ger gav gett finnas finns fanns stå står stod ligga ligger låg sitta sitter satt
år året åren vecka veckan veckor veckorna dag dagen dagar dagarna tid tiden gång gången
gånger månad månaden månader annan annat andra någon något några ingen inget inga
hela helt mycket mer mest lite mindre många fler flesta bara även redan ännu fortfarande
igen aldrig alltid ofta ibland sedan efter innan före under över utan mot genom mellan
kring runt bland enligt också dock ju väl nog kanske verkligen just samma egen eget egna
sådan sådant sådana själv själva ut in upp ner fram bort nej ja inom
""".split()
    ),
    "en": frozenset(
        """
the a an and or of to in on for with is are be was were by at from as it this that these
those not but if can you we they he she his her their our your i do does how what who
where when which there here also all about into me my mine him hers its us them theirs
been being am has have had having did done doing would should could will shall may might
must get gets got gotten go goes went gone going come comes came say says said tell told
know knows knew see sees saw seen take takes took make makes made give gives gave
year years week weeks day days time times month months other others another some any
none no nothing something anything every each whole very more most less much many few
just only even already still yet again never always often sometimes since after before
during over under without against through between around among than then so too
out up down off away same own such self herself himself themselves myself
yes one two three
""".split()
    ),
}
