/* A UDP client: one request, one reply, no event loop.  Nothing to
   offload, and the plugin says so (without -fplugin-arg-offload-verbose)
   at main.  */
/* { dg-do link } */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int
main (void) /* { dg-message "nothing to offload: no event loop found" } */
{
  int fd = socket (AF_INET, SOCK_DGRAM, 0);
  if (fd < 0)
    {
      perror ("socket");
      return 1;
    }
  struct sockaddr_in server;
  memset (&server, 0, sizeof server);
  server.sin_family = AF_INET;
  server.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  server.sin_port = htons (9000);
  static const char request[] = "ping";
  if (sendto (fd, request, sizeof request - 1, 0,
	      (struct sockaddr *) &server, sizeof server) < 0)
    {
      perror ("sendto");
      return 1;
    }
  char reply[64];
  ssize_t n = recvfrom (fd, reply, sizeof reply - 1, 0, NULL, NULL);
  if (n < 0)
    {
      perror ("recvfrom");
      return 1;
    }
  reply[n] = '\0';
  printf ("%s\n", reply);
  close (fd);
  return 0;
}

/* { dg-final { offload-report-count event_loops 0 } } */
/* { dg-final { offload-report-count blocking_loops 0 } } */
/* { dg-final { offload-report-count paths 0 } } */
/* { dg-final { offload-report-count services 0 } } */
/* { dg-final { scan-offload-report-value version 3 } } */
