/* alloca: scratch space from alloca, sized by the request.  As for a
   variable-length array, the BPF stack is fixed: the path is refused.
   Request: "S" text -> the text with its bytes sorted (insertion sort
   on the alloca'd copy).  */
/* corpus-expect: verdict infeasible "variable-length stack objects" */
/* corpus-expect: no-verdict offloaded reply */

#include "corpus-server.h"
#include <alloca.h>

static unsigned long sorted;

static size_t __attribute__ ((noinline))
sort_copy (const char *in, size_t n, char *out)
{
  char *tmp = alloca (n);
  for (size_t i = 0; i < n; i++)
    {
      size_t j = i;
      while (j > 0 && tmp[j - 1] > in[i])
	{
	  tmp[j] = tmp[j - 1];
	  j--;
	}
      tmp[j] = in[i];
    }
  memcpy (out, tmp, n);
  return n;
}

static long
handle (const char *req, size_t len, char *out)
{
  if (len < 1 || req[0] != 'S' || len > 64)
    return -1;
  sorted++;
  return (long) sort_copy (req + 1, len - 1, out);
}

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  CORPUS_SERVE (fd, handle);
  printf ("sorted %lu\n", sorted);
  return 0;
}
