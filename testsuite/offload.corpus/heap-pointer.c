/* heap-pointer: the last request is kept in a heap buffer whose
   pointer lives in a global, allocated at start-up.  A host pointer
   cannot live in a BPF map: paths that use it are refused; "PING"
   does not and is offloaded.
   Requests: "PING"; "S" text -> stores it, "stored"; "G" -> the stored
   text.  */
/* corpus-expect: verdict infeasible "uses the pointer in 'last'" */
/* corpus-expect: verdict offloaded */

#include "corpus-server.h"

static char *last;
static size_t last_len;

static long
handle (const char *req, size_t len, char *out)
{
  if (len == 4 && memcmp (req, "PING", 4) == 0)
    {
      memcpy (out, "PONG", 4);
      return 4;
    }
  if (len >= 1 && len <= 65 && req[0] == 'S')
    {
      memcpy (last, req + 1, len - 1);
      last_len = len - 1;
      memcpy (out, "stored", 6);
      return 6;
    }
  if (len == 1 && req[0] == 'G')
    {
      memcpy (out, last, last_len);
      return (long) last_len;
    }
  return -1;
}

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  last = calloc (1, 64);
  CORPUS_SERVE (fd, handle);
  printf ("last %zu\n", last_len);
  return 0;
}
