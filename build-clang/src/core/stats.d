build-clang/src/core/stats.o: src/core/stats.c include/stats.h \
  include/config.h include/error.h include/target_list.h \
  include/filter.h include/date.h include/store.h \
  src/core/stats_internal.h include/i18n.h include/model.h

include/stats.h:

include/config.h:

include/error.h:

include/target_list.h:

include/filter.h:

include/date.h:

include/store.h:

src/core/stats_internal.h:

include/i18n.h:

include/model.h:
