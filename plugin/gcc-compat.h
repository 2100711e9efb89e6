/* gcc-compat.h -- the one place that knows which GCC we are built against.

   Every plugin source includes this header instead of GCC's own headers,
   so the include order GCC demands (gcc-plugin.h first, then config and
   system headers, then the middle end) and any difference between GCC
   releases live here and nowhere else.  Supported: GCC 12.  */

#ifndef OFFLOAD_GCC_COMPAT_H
#define OFFLOAD_GCC_COMPAT_H

/* The C++ library headers GCC lets plugins use; they must be requested
   before system.h, which gcc-plugin.h includes.  */
#define INCLUDE_STRING
#define INCLUDE_MAP
#define INCLUDE_SET
#define INCLUDE_VECTOR
#include "gcc-plugin.h"
#include "bversion.h"
#include <algorithm>
#include <functional>
#include "config.h"
#include "system.h"
#include "coretypes.h"
#include "backend.h"
#include "tree.h"
#include "gimple.h"
#include "tree-pass.h"
#include "context.h"
#include "cgraph.h"
#include "diagnostic-core.h"
#include "gimple-iterator.h"
#include "gimple-pretty-print.h"
#include "tree-ssa-operands.h"
#include "ssa.h"
#include "stringpool.h"
#include "attribs.h"
#include "cfgloop.h"
#include "tree-dfa.h"
#include "tree-cfg.h"
#include "fold-const.h"
#include "dominance.h"
#include "toplev.h"
#include "opts.h"
#include "internal-fn.h"
#include "gimple-walk.h"
#include "varasm.h"
#include "stor-layout.h"
#include "intl.h"

#if BUILDING_GCC_MAJOR != 12
#error "offload supports GCC 12 only; see plugin/gcc-compat.h"
#endif

#endif /* OFFLOAD_GCC_COMPAT_H */
