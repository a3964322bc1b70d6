// A plain C epoll client for lws-mirror-protocol, to cross-check the Java generator: one sender keeping W messages in
// flight (counted by its own copies), N receivers, 32-byte text messages; prints deliveries/s over 5 s after 2 s of
// warm-up. Not part of the build.
//   gcc -O2 -o /tmp/mirror-client bench/tools/mirror-client.c
//   taskset -c 0 libwebsockets-test-server -p 7702 -i lo &
//   taskset -c 1 /tmp/mirror-client 7702 100 256          # PORT RECEIVERS WINDOW; PAUSE_US=200 pauses each round
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <time.h>
#include <errno.h>
#include <arpa/inet.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
typedef struct { int fd; int sender; unsigned char left[256]; int nleft; long frames; } conn;
static double now() { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static int open_ws(int port, const char *path) {
  int fd = socket(AF_INET, SOCK_STREAM, 0); struct sockaddr_in a = {0}; a.sin_family = AF_INET; a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(0x7f000001); if (connect(fd, (void *)&a, sizeof a)) { perror("connect"); exit(1); }
  int one = 1; setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  char req[512]; int n = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: lws-mirror-protocol\r\n\r\n", path, port);
  write(fd, req, n); char buf[4096]; int got = 0;
  while (!strstr(buf, "\r\n\r\n")) { int r = read(fd, buf + got, 1); if (r <= 0) { fprintf(stderr, "handshake\n"); exit(1); } got += r; buf[got] = 0; }
  if (strncmp(buf, "HTTP/1.1 101", 12)) { fprintf(stderr, "refused: %s\n", buf); exit(1); }
  fcntl(fd, F_SETFL, O_NONBLOCK); return fd;
}
static unsigned char frame[64];
static long sent = 0;
static void send_one(int fd) {
  // 32-byte text payload, masking key 0.
  frame[0] = 0x81; frame[1] = 0x80 | 32; memset(frame + 2, 0, 4); snprintf((char *)frame + 6, 33, "%016lx%016lx", ++sent, 0L);
  if (write(fd, frame, 38) != 38) { perror("send"); exit(1); }
}
int main(int argc, char **argv) {
  int port = atoi(argv[1]), n = atoi(argv[2]), window = atoi(argv[3]); double warm = 2, dur = 5;
  int ep = epoll_create1(0); conn *c = calloc(n + 1, sizeof(conn));
  for (int i = 0; i <= n; i++) { c[i].fd = open_ws(port, "/?mirror=bench"); c[i].sender = i == n;
    struct epoll_event e = { .events = EPOLLIN, .data.ptr = &c[i] }; epoll_ctl(ep, EPOLL_CTL_ADD, c[i].fd, &e); }
  usleep(200000);
  long own = 0; for (int i = 0; i < window; i++) send_one(c[n].fd);
  double t0 = now(), start = t0 + warm, end = start + dur; long base = -1, total = 0;
  static unsigned char buf[262144]; struct epoll_event ev[512];
  while (1) {
    double t = now(); if (base < 0 && t >= start) base = total; if (t >= end) break;
    if (getenv("PAUSE_US")) usleep(atoi(getenv("PAUSE_US")));
    int k = epoll_wait(ep, ev, 512, 100);
    for (int j = 0; j < k; j++) {
      conn *x = ev[j].data.ptr; memcpy(buf, x->left, x->nleft); int r = read(x->fd, buf + x->nleft, sizeof buf - x->nleft);
      if (r <= 0) { if (errno == EAGAIN) continue; fprintf(stderr, "closed\n"); exit(1); }
      int len = r + x->nleft, p = 0;
      while (len - p >= 2) { int pl = buf[p + 1] & 0x7f, h = 2; if (pl == 126) { if (len - p < 4) break; pl = buf[p + 2] << 8 | buf[p + 3]; h = 4; }
        if (len - p < h + pl) break; p += h + pl; if (x->sender) own++; else total++; }
      x->nleft = len - p; memcpy(x->left, buf + p, x->nleft);
      if (x->sender) while (sent - own < window) send_one(x->fd);
    }
  }
  printf("deliveries/s %.0f  sent %ld\n", (total - base) / dur, sent);
  return 0;
}
