/* fnptr-const-direct: the handler is called through a constant
   function pointer (a read-only global initialised to one function).
   GCC folds the load, so the call is direct by link time and the path
   is offloaded.
   Request: any text; reply: "ok " and its length in decimal.  */
/* corpus-expect: verdict offloaded */
/* corpus-expect: no-verdict infeasible */

#include "corpus-server.h"

static unsigned long served;

static long
reply_length (const char *req, size_t len, char *out)
{
  (void) req;
  served++;
  memcpy (out, "ok ", 3);
  size_t pos = 3;
  if (len >= 100)
    out[pos++] = (char) ('0' + len / 100);
  if (len >= 10)
    out[pos++] = (char) ('0' + len / 10 % 10);
  out[pos++] = (char) ('0' + len % 10);
  return (long) pos;
}

static long (*const handler) (const char *, size_t, char *) = reply_length;

static long
handle (const char *req, size_t len, char *out)
{
  return handler (req, len, out);
}

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  CORPUS_SERVE (fd, handle);
  printf ("served %lu\n", served);
  return 0;
}
