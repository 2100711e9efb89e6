/* landmarks.cc -- recognise landmark calls by callee.  */

#include "plugin/gcc-compat.h"
#include "lto/landmarks.h"
#include "lto/program.h"

/* Every landmark, with the positions of the arguments the analysis
   reads.  The __*_chk names are glibc's fortified entry points.  */
static const landmark landmarks[] = {
  /* name              kind               fd buf len addr msg */
  { "socket",          LANDMARK_SOCKET,   -1, -1, -1, -1, -1 },
  { "bind",            LANDMARK_BIND,      0, -1, -1,  1, -1 },
  { "listen",          LANDMARK_LISTEN,    0, -1, -1, -1, -1 },
  { "accept",          LANDMARK_ACCEPT,    0, -1, -1,  1, -1 },
  { "accept4",         LANDMARK_ACCEPT,    0, -1, -1,  1, -1 },
  { "poll",            LANDMARK_WAIT,     -1, -1, -1, -1, -1 },
  { "ppoll",           LANDMARK_WAIT,     -1, -1, -1, -1, -1 },
  { "__poll_chk",      LANDMARK_WAIT,     -1, -1, -1, -1, -1 },
  { "__ppoll_chk",     LANDMARK_WAIT,     -1, -1, -1, -1, -1 },
  { "select",          LANDMARK_WAIT,     -1, -1, -1, -1, -1 },
  { "pselect",         LANDMARK_WAIT,     -1, -1, -1, -1, -1 },
  { "epoll_wait",      LANDMARK_WAIT,     -1, -1, -1, -1, -1 },
  { "epoll_pwait",     LANDMARK_WAIT,     -1, -1, -1, -1, -1 },
  { "epoll_pwait2",    LANDMARK_WAIT,     -1, -1, -1, -1, -1 },
  { "recv",            LANDMARK_RECEIVE,   0,  1,  2, -1, -1 },
  { "__recv_chk",      LANDMARK_RECEIVE,   0,  1,  2, -1, -1 },
  { "recvfrom",        LANDMARK_RECEIVE,   0,  1,  2,  4, -1 },
  { "__recvfrom_chk",  LANDMARK_RECEIVE,   0,  1,  2,  5, -1 },
  { "read",            LANDMARK_RECEIVE,   0,  1,  2, -1, -1 },
  { "__read_chk",      LANDMARK_RECEIVE,   0,  1,  2, -1, -1 },
  { "recvmsg",         LANDMARK_RECEIVE,   0, -1, -1, -1,  1 },
  { "send",            LANDMARK_SEND,      0,  1,  2, -1, -1 },
  { "sendto",          LANDMARK_SEND,      0,  1,  2,  4, -1 },
  { "write",           LANDMARK_SEND,      0,  1,  2, -1, -1 },
  { "sendmsg",         LANDMARK_SEND,      0, -1, -1, -1,  1 },
  { "open",            LANDMARK_OPEN_FD,  -1, -1, -1, -1, -1 },
  { "open64",          LANDMARK_OPEN_FD,  -1, -1, -1, -1, -1 },
  { "openat",          LANDMARK_OPEN_FD,  -1, -1, -1, -1, -1 },
  { "openat64",        LANDMARK_OPEN_FD,  -1, -1, -1, -1, -1 },
  { "creat",           LANDMARK_OPEN_FD,  -1, -1, -1, -1, -1 },
  { "fileno",          LANDMARK_OPEN_FD,  -1, -1, -1, -1, -1 },
  { "epoll_create",    LANDMARK_OPEN_FD,  -1, -1, -1, -1, -1 },
  { "epoll_create1",   LANDMARK_OPEN_FD,  -1, -1, -1, -1, -1 },
  { "eventfd",         LANDMARK_OPEN_FD,  -1, -1, -1, -1, -1 },
  { "timerfd_create",  LANDMARK_OPEN_FD,  -1, -1, -1, -1, -1 },
  { "signalfd",        LANDMARK_OPEN_FD,  -1, -1, -1, -1, -1 },
};

const landmark *
landmark_of_call (const gimple *stmt)
{
  if (!stmt || !is_gimple_call (stmt))
    return NULL;
  tree fndecl = gimple_call_fndecl (stmt);
  /* A callee the program defines is the program's own function.  */
  if (!fndecl || function_with_body (fndecl))
    return NULL;
  const char *name = decl_name (fndecl);
  for (const landmark &l : landmarks)
    if (strcmp (l.name, name) == 0)
      return &l;
  return NULL;
}

bool
landmark_call_p (const gimple *stmt, landmark_kind kind)
{
  const landmark *l = landmark_of_call (stmt);
  return l && l->kind == kind;
}
