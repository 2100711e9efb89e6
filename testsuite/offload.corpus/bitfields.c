/* bitfields: per-client flags packed in bit-fields of a global
   structure, set and read by the requests.  The generator does not
   translate bit-field accesses: those paths are refused with the
   field's name; "PING" touches none and is offloaded.
   Requests: "PING"; "F" digit -> set flag DIGIT % 3 and answer the
   flags; "Q" -> the flags.  */
/* corpus-expect: verdict infeasible "accesses the bit-field" */
/* corpus-expect: verdict offloaded */

#include "corpus-server.h"

static struct
{
  unsigned verbose : 1;
  unsigned level : 3;
  unsigned mode : 2;
  unsigned pad : 26;
} flags;

static long
handle (const char *req, size_t len, char *out)
{
  if (len == 4 && memcmp (req, "PING", 4) == 0)
    {
      memcpy (out, "PONG", 4);
      return 4;
    }
  if (len == 2 && req[0] == 'F' && req[1] >= '0' && req[1] <= '9')
    {
      int d = req[1] - '0';
      if (d % 3 == 0)
	flags.verbose = !flags.verbose;
      else if (d % 3 == 1)
	flags.level = (unsigned) d;
      else
	flags.mode = (unsigned) d;
    }
  else if (!(len == 1 && req[0] == 'Q'))
    return -1;
  out[0] = (char) ('0' + flags.verbose);
  out[1] = (char) ('0' + flags.level);
  out[2] = (char) ('0' + flags.mode);
  return 3;
}

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  CORPUS_SERVE (fd, handle);
  printf ("flags %u %u %u\n", flags.verbose, flags.level, flags.mode);
  return 0;
}
