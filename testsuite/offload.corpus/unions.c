/* unions: a union reinterprets the request's first four bytes as a
   32-bit integer and a union in global state holds either a number or
   four characters (a tag says which).  No pointers, no floats: unions
   are plain memory, and the paths are offloaded.
   Requests: "N" + 4 bytes -> store them as a number, reply its decimal
   value; "T" + 4 bytes -> store them as text, reply them; "G" -> what
   was stored last.  */
/* corpus-expect: verdict offloaded */
/* corpus-expect: no-verdict infeasible */

#include "corpus-server.h"

union word
{
  uint32_t number;
  char text[4];
};

static struct
{
  int is_text;
  union word value;
} stored;

static long
format (char *out)
{
  if (stored.is_text)
    {
      memcpy (out, stored.value.text, 4);
      return 4;
    }
  uint32_t v = stored.value.number;
  char digits[10];
  int k = 0;
  do
    digits[k++] = (char) ('0' + v % 10);
  while ((v /= 10) != 0);
  long pos = 0;
  while (k > 0)
    out[pos++] = digits[--k];
  return pos;
}

static long
handle (const char *req, size_t len, char *out)
{
  if (len == 5 && (req[0] == 'N' || req[0] == 'T'))
    {
      union word w;
      memcpy (w.text, req + 1, 4);
      stored.is_text = req[0] == 'T';
      stored.value = w;
      return format (out);
    }
  if (len == 1 && req[0] == 'G')
    return format (out);
  return -1;
}

int
main (int argc, char **argv)
{
  int fd = corpus_open (argc, argv, 0);
  CORPUS_SERVE (fd, handle);
  printf ("stored %d %u\n", stored.is_text, stored.value.number);
  return 0;
}
