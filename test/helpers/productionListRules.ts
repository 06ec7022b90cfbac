// The "production list rules" jest project: every sandbox these suites start enforces
// production's list settings only, as `SANDBOX_LIST_RULES=production npm start` does.
process.env.SANDBOX_LIST_RULES = 'production';
