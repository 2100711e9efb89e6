/* varargs: replies built by a variadic formatting function of the
   program itself (va_list walking integer arguments), and one command
   that uses snprintf.  va_start/va_arg are not translated and snprintf
   is libc's formatted output: both paths are refused.  "PING" is
   offloaded.
   Requests: "PING"; "P" -> "pair A B" from a variadic call; "S" digit ->
   snprintf'd "square N".  */
/* corpus-expect: verdict infeasible "formatted output cannot run in BPF" */
/* corpus-expect: verdict infeasible "va_|VA_ARG|va_arg|variadic" */
/* corpus-expect: verdict offloaded */

#include "corpus-server.h"
#include <stdarg.h>

static unsigned long formatted;

/* Write COUNT unsigned numbers after WORD into OUT, space-separated.  */
static long __attribute__ ((noinline))
format_numbers (char *out, const char *word, int count, ...)
{
  long pos = (long) strlen (word);
  memcpy (out, word, (size_t) pos);
  va_list ap;
  va_start (ap, count);
  for (int i = 0; i < count && i < 4; i++)
    {
      unsigned v = va_arg (ap, unsigned);
      out[pos++] = ' ';
      out[pos++] = (char) ('0' + v % 10);
    }
  va_end (ap);
  return pos;
}

static long
handle (const char *req, size_t len, char *out)
{
  if (len == 4 && memcmp (req, "PING", 4) == 0)
    {
      memcpy (out, "PONG", 4);
      return 4;
    }
  formatted++;
  if (len == 1 && req[0] == 'P')
    return format_numbers (out, "pair", 2, 4u, (unsigned) len + 6);
  if (len == 2 && req[0] == 'S' && req[1] >= '0' && req[1] <= '9')
    return snprintf (out, 256, "square %d", (req[1] - '0') * (req[1] - '0'));
  return -1;
}

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  CORPUS_SERVE (fd, handle);
  printf ("formatted %lu\n", formatted);
  return 0;
}
