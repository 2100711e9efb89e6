/* A line filter with its own function named recv: static, with a body,
   so not the libc receive and not a landmark.  The program has no
   receive, no event loop and nothing to offload; in particular its loop
   is not a blocking receive loop.  It does not include <sys/socket.h>,
   whose recv this recv would clash with.  */
/* { dg-do link } */
/* { dg-options "-fplugin-arg-offload-verbose" } */

#include <ctype.h>
#include <stdio.h>
#include <sys/types.h>

/* Read one line of at most LEN - 1 bytes from stream IN into BUF,
   without its newline; return its length, or -1 at end of input.  */
static ssize_t
recv (FILE *in, char *buf, size_t len)
{
  size_t n = 0;
  while (n + 1 < len)
    {
      int c = getc (in);
      if (c == EOF)
	{
	  if (n == 0)
	    return -1;
	  break;
	}
      if (c == '\n')
	break;
      buf[n++] = (char) c;
    }
  buf[n] = '\0';
  return (ssize_t) n;
}

int
main (void) /* { dg-message "nothing to offload: no event loop found" } */
{
  char line[256];
  ssize_t n;
  while ((n = recv (stdin, line, sizeof line)) >= 0)
    {
      for (ssize_t i = 0; i < n; i++)
	line[i] = (char) toupper ((unsigned char) line[i]);
      if (printf ("%s\n", line) < 0)
	return 1;
    }
  return 0;
}

/* { dg-final { offload-report-count services 0 } } */
/* { dg-final { offload-report-count event_loops 0 } } */
/* { dg-final { offload-report-count blocking_loops 0 } } */
/* { dg-final { offload-report-count paths 0 } } */
