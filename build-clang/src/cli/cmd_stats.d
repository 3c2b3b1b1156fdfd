build-clang/src/cli/cmd_stats.o: src/cli/cmd_stats.c include/app.h \
  include/config.h include/error.h include/target_list.h include/date.h \
  include/store.h src/cli/cli.h include/output.h src/cli/commands.h \
  include/i18n.h include/model.h include/stats.h include/filter.h

include/app.h:

include/config.h:

include/error.h:

include/target_list.h:

include/date.h:

include/store.h:

src/cli/cli.h:

include/output.h:

src/cli/commands.h:

include/i18n.h:

include/model.h:

include/stats.h:

include/filter.h:
