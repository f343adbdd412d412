import os
import tempfile

# Installed schedules go to a throw-away directory, never into a developer's var/.
os.environ.setdefault("DOCGEN_SCHEDULES_DIR", tempfile.mkdtemp(prefix="docgen-schedules-"))
