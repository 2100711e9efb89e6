/* analysis.cc -- run the analysis steps in order.  */

#include "plugin/gcc-compat.h"
#include "lto/analysis.h"

void
offload_analysis::run ()
{
  prog.load ();
  sockets.analyse (prog);
  taint.analyse (prog, sockets);
  loops.analyse (prog, sockets);
  paths.analyse (prog, sockets, taint, loops);
}
