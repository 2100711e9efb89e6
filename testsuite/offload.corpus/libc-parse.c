/* libc-parse: numbers parsed with strtol and errno checked, as most
   servers do.  strtol has no kernel equivalent and errno is libc's
   thread-local: the path is refused naming the call.
   Request: "N" number -> "n+1=M" or "bad".  */
/* corpus-expect: verdict infeasible "calls 'strtol'" */
/* corpus-expect: no-verdict offloaded reply */

#include "corpus-server.h"

static unsigned long parsed;

static long
handle (const char *req, size_t len, char *out)
{
  if (len < 2 || len > 20 || req[0] != 'N')
    return -1;
  char text[24];
  memcpy (text, req + 1, len - 1);
  text[len - 1] = '\0';
  char *end;
  errno = 0;
  long v = strtol (text, &end, 10);
  parsed++;
  if (errno || *end || end == text || v < 0 || v > 999998)
    {
      memcpy (out, "bad", 3);
      return 3;
    }
  v++;
  memcpy (out, "n+1=", 4);
  long pos = 4;
  char d[8];
  int k = 0;
  do
    d[k++] = (char) ('0' + v % 10);
  while ((v /= 10) != 0);
  while (k > 0)
    out[pos++] = d[--k];
  return pos;
}

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  CORPUS_SERVE (fd, handle);
  printf ("parsed %lu\n", parsed);
  return 0;
}
