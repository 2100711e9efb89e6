/* two-services: one event loop over two UDP services, PORT (echo in
   upper case) and PORT+1 (a counter), each served by a function of its
   own.  Both sockets come from one socket () call, two helpers down
   (corpus_open, corpus_socket), with ports from the command line: the
   plugin's analysis takes them for one socket (it tells a helper's
   sockets apart one call deep), so each service's receive looks like
   a second receive of the other's request, and the runtime could not
   tell which bind is which service's anyway.  Nothing is offloaded,
   saying why (two-services-fixed.c has the ports in the program).  The
   run test talks to PORT.
   Requests on PORT: text -> the text in upper case.  On PORT+1: any ->
   "n N".  */
/* corpus-expect: verdict infeasible reply "receives again on the request's socket|could not tell which bind" */
/* corpus-expect: no-verdict offloaded */
/* corpus-expect: programs 0 */

#include "corpus-server.h"

static unsigned long upper_served, counted;

static void __attribute__ ((noinline))
serve_upper (int fd)
{
  char buf[256], out[256];
  struct sockaddr_in peer;
  socklen_t peer_len = sizeof peer;
  ssize_t n = recvfrom (fd, buf, sizeof buf, 0, (struct sockaddr *) &peer,
			&peer_len);
  if (n < 0)
    return;
  for (ssize_t i = 0; i < n; i++)
    out[i] = buf[i] >= 'a' && buf[i] <= 'z' ? buf[i] - 32 : buf[i];
  upper_served++;
  sendto (fd, out, (size_t) n, 0, (struct sockaddr *) &peer, peer_len);
}

static void __attribute__ ((noinline))
serve_count (int fd)
{
  char buf[256], out[8];
  struct sockaddr_in peer;
  socklen_t peer_len = sizeof peer;
  if (recvfrom (fd, buf, sizeof buf, 0, (struct sockaddr *) &peer,
		&peer_len) < 0)
    return;
  counted++;
  memcpy (out, "n ", 2);
  out[2] = (char) ('0' + counted % 10);
  sendto (fd, out, 3, 0, (struct sockaddr *) &peer, peer_len);
}

int
main (int argc, char **argv)
{
  int a = corpus_open (argc, argv, 0);
  int b = corpus_open (argc, argv, 1);
  struct pollfd pfd[2] = { { .fd = a, .events = POLLIN },
			   { .fd = b, .events = POLLIN } };
  while (!corpus_stop)
    {
      if (poll (pfd, 2, -1) <= 0)
	continue;
      if (pfd[0].revents & POLLIN)
	serve_upper (a);
      if (pfd[1].revents & POLLIN)
	serve_count (b);
    }
  printf ("upper %lu counted %lu\n", upper_served, counted);
  return 0;
}
