/* commands.h - the subcommands of canbo: one line each. The --help text
 * and the dispatcher in main.c are generated from this list.
 *
 * A command receives argc/argv starting at its own name (argv[0] = "find")
 * and returns a cb_status; main() maps it to the exit code.
 * X(name, function, English one-line summary)
 */
#ifndef CANBO_COMMANDS_H
#define CANBO_COMMANDS_H

#define COMMAND_LIST(X)                                                                            \
	X("find", cmd_find, "List cadres whose name matches QUERY")                                \
	X("show", cmd_show, "Show one cadre with ratings, trainings and plans")                    \
	X("init", cmd_init, "Create the empty database of the configured office")                  \
	X("demo", cmd_demo, "Build a demo province database")                                      \
	X("org", cmd_org, "List, add, change, move and end party organisations")                   \
	X("import", cmd_import, "Import cadres from a CSV file, all rows or none")                 \
	X("export", cmd_export, "Write organisations, ratings, trainings or planning for import")  \
	X("stats", cmd_stats, "Count cadres by age, gender, education and more")                   \
	X("targets", cmd_targets, "Compare the cadres with the resolution's targets")              \
	X("plans", cmd_plans, "List and change remediation action plans")                          \
	X("selfcheck", cmd_selfcheck,                                                              \
	  "Monthly self-checks against the manifestations of degradation")                         \
	X("eval", cmd_eval, "Evaluations by period on the 100-point frame")                        \
	X("ratings", cmd_ratings, "Checks on a year's ratings")                                    \
	X("due", cmd_due, "What falls due: term ends, notices, retirements, lapsing disciplines")  \
	X("discipline", cmd_discipline, "The discipline register of cadres and organisations")     \
	X("pool", cmd_pool, "The planning pool by title, with its rules")                          \
	X("career", cmd_career, "A cadre's career; appoint, leave the list")                       \
	X("audit", cmd_audit, "List the changes, or check that the audit trail was not altered")   \
	X("report", cmd_report, "Reports laid out in the configuration: list, run")                \
	X("delete", cmd_delete, "Move a record to the trash, with everything that depends on it")  \
	X("trash", cmd_trash, "List deleted records, or remove them for good")                     \
	X("restore", cmd_restore, "Put a deleted record back, with everything deleted with it")    \
	X("sync", cmd_sync, "Send this office's changes, apply other offices' at the province")    \
	X("merge", cmd_merge, "Bring another database (another province's) into this one")         \
	X("units", cmd_units, "List the units; move the records of ended units to their successors")

#define X(name, fn, summary) int fn(int argc, char **argv);
COMMAND_LIST(X)
#undef X

#endif
