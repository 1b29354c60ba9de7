"""How much one record may hold: every limit the validator enforces, by name.

Set from what a real provider needs, with room to grow: the largest demo record (a city
library) has 4 service points, 3 services, 4 exceptions per place and a 280-character
"not covered" text; a big city's library network might have 20 branches and 30 kinds of
help. Past these sizes a record is not one provider any more but a paste accident or an
attempt to slow the build (1,200 services once made a 184-page leaflet). The field
reference shows each limit next to its field (``digituki docs``).
"""

# Characters, counted after surrounding spaces are dropped.
MAX_NAME_CHARS = 200       # names, addresses, reasons, ids' texts, phone, e-mail: one line
MAX_NOTE_CHARS = 1000      # one-line free text: directions, what to bring, how to book …
MAX_MARKDOWN_CHARS = 4000  # descriptions and "not covered", which may have paragraphs
MAX_URL_CHARS = 500        # a booking link with its query fits; a data blob does not
MAX_HOURS_CHARS = 500      # opening_hours rules; real ones are under 100

# Items per list in one provider record.
MAX_SERVICE_POINTS = 40
MAX_SERVICES = 40
MAX_SESSIONS = 40          # places and hours of one service ('at')
MAX_EXCEPTIONS = 60        # dated exceptions per place or per session: a year of holidays
MAX_ALERTS = 10
MAX_ACCESSIBILITY_FACTS = 40
MAX_TERMS = 40             # topics, forms, target groups or languages of one service
MAX_SERVED_MUNICIPALITIES = 400  # a national line may serve all of Finland's 308
MAX_MAINTAINERS = 20
