import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import reverse

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
application = get_wsgi_application()

# Python's cyclic garbage collector walks every live object on each full pass. Django's startup
# and the URL resolver's lookup tables (~170,000 objects, alive as long as the process) made a
# pass take 80-130 ms, paid by one request in a few hundred, and the younger passes slower.
# Built first (`reverse` fills the tables), then frozen, never walked again: a full pass takes
# ~7 ms (docs/operations.md, "Deployment").
reverse("login")
gc.freeze()
