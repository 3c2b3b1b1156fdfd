build-clang/src/ui/screen_stats.o: src/ui/screen_stats.c include/ui.h \
  include/app.h include/config.h include/error.h include/target_list.h \
  include/date.h include/store.h include/filter.h include/model.h \
  include/i18n.h include/stats.h include/text.h

include/ui.h:

include/app.h:

include/config.h:

include/error.h:

include/target_list.h:

include/date.h:

include/store.h:

include/filter.h:

include/model.h:

include/i18n.h:

include/stats.h:

include/text.h:
