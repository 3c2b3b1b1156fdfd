build-clang/src/core/targets.o: src/core/targets.c include/stats.h \
  include/config.h include/error.h include/target_list.h \
  include/filter.h include/date.h include/store.h include/i18n.h \
  include/model.h src/core/stats_internal.h

include/stats.h:

include/config.h:

include/error.h:

include/target_list.h:

include/filter.h:

include/date.h:

include/store.h:

include/i18n.h:

include/model.h:

src/core/stats_internal.h:
