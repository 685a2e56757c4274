"""defdays: the platform that runs Defenders' Days."""
