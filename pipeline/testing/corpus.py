"""German and English text written for this project, to train the tiny model's vocabulary."""

GERMAN = """\
Die Stadtverwaltung hat am Montag neue Pläne für den Ausbau der Radwege vorgestellt.
Nach Angaben der Bürgermeisterin sollen bis zum Jahr 2030 rund 40 Kilometer hinzukommen.
Viele Anwohner begrüßen das Vorhaben, einige Händler fürchten jedoch um ihre Parkplätze.
Der Gemeinderat will im Herbst über die Finanzierung entscheiden.
Im Landtag wurde heftig über die Sicherheit der Energieversorgung gestritten.
Die Opposition warf der Regierung vor, zu spät auf steigende Preise reagiert zu haben.
Ein Sprecher des Ministeriums wies die Vorwürfe zurück und verwies auf neue Förderprogramme.
Das Wetter bleibt wechselhaft: Am Wochenende ziehen Schauer und Gewitter über das Land.
In den Alpen kann oberhalb von 2000 Metern sogar Schnee fallen.
Die Polizei bittet Autofahrer, ihre Geschwindigkeit den Bedingungen anzupassen.
Forscher der Universität haben ein Verfahren entwickelt, das Wasser günstiger reinigen soll.
Die Ergebnisse wurden in einer Fachzeitschrift veröffentlicht und stoßen auf großes Interesse.
Noch ist unklar, wann die Technik in der Praxis eingesetzt werden kann.
Der Verein feierte am Samstag sein hundertjähriges Bestehen mit einem großen Fest.
Mehr als 500 Gäste kamen, darunter auch ehemalige Spielerinnen und Spieler.
„Wir sind stolz auf unsere Geschichte“, sagte der Vorsitzende in seiner Rede.
Die Zeitung berichtet, dass die Gespräche zwischen den Parteien ins Stocken geraten sind.
Beide Seiten wollen sich in der kommenden Woche erneut treffen.
Der Bahnverkehr zwischen Köln und Düsseldorf war wegen einer Störung stundenlang unterbrochen.
Reisende mussten auf Busse umsteigen oder lange Wartezeiten in Kauf nehmen.
Die Ausstellung im Museum zeigt Gemälde aus drei Jahrhunderten.
Besonders die Werke junger Künstlerinnen ziehen viele Besucher an.
Die Preise für Lebensmittel sind im vergangenen Monat leicht gesunken.
Ökonomen rechnen jedoch nicht mit einer dauerhaften Entspannung.
Wer mehr erfahren möchte, findet weitere Informationen auf der Internetseite der Gemeinde.
Die Schule erhält zum neuen Schuljahr zusätzliche Lehrerinnen und Lehrer.
Eltern hatten sich seit Langem über ausfallenden Unterricht beschwert.
Der Konzern kündigte an, in den nächsten Jahren tausende Stellen abzubauen.
Die Gewerkschaft kritisierte die Entscheidung scharf und drohte mit Streiks.
Über die Verhandlungen wollen beide Seiten zunächst Stillschweigen bewahren.
"""

ENGLISH = """\
The city administration presented new plans on Monday for expanding the cycle paths.
According to the mayor, around 40 kilometres are to be added by the year 2030.
Many residents welcome the project, but some shopkeepers fear for their parking spaces.
The municipal council wants to decide on the financing in the autumn.
In the state parliament there was a heated dispute about the security of the energy supply.
The opposition accused the government of having reacted too late to rising prices.
A spokesman for the ministry rejected the accusations and pointed to new funding programmes.
The weather remains changeable: showers and thunderstorms will cross the country at the weekend.
In the Alps, snow may even fall above 2000 metres.
The police ask drivers to adapt their speed to the conditions.
Researchers at the university have developed a process that is supposed to clean water more cheaply.
The results were published in a journal and are attracting great interest.
It is still unclear when the technology can be used in practice.
The club celebrated its hundredth anniversary with a big party on Saturday.
More than 500 guests came, including former players.
"We are proud of our history," said the chairman in his speech.
The newspaper reports that the talks between the parties have stalled.
Both sides want to meet again next week.
Rail traffic between Cologne and Düsseldorf was interrupted for hours because of a fault.
Travellers had to change to buses or accept long waiting times.
The exhibition in the museum shows paintings from three centuries.
The works of young female artists in particular attract many visitors.
Food prices fell slightly last month.
However, economists do not expect a lasting easing.
Anyone who wants to know more can find further information on the municipality's website.
The school will receive additional teachers for the new school year.
Parents had long complained about cancelled lessons.
The group announced that it would cut thousands of jobs in the coming years.
The union sharply criticised the decision and threatened strikes.
Both sides want to keep quiet about the negotiations for the time being.
"""
