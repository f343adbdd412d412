"""RQ glue: job functions (worker.jobs) and worker start-up (worker.runner). Thin on purpose."""
