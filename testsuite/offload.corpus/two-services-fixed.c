/* two-services-fixed: two-services.c with the ports written in the
   program, 7000 (echo in upper case) and 7001 (a counter): the plugin
   knows each program's port, and the runtime starts each at its own
   bind.  Only one XDP program can be attached to an interface, so the
   second service's program stays in userspace (the runtime says why);
   the first answers from the kernel.  The run test talks to 7000 (the
   port argument is ignored).  */
/* corpus-expect: verdict offloaded reply */
/* corpus-expect: programs 2 */

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
main (void)
{
  int a = (corpus_signals (), corpus_socket (7000));
  int b = corpus_socket (7001);
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
