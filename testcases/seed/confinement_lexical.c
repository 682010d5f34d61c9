/* The talk's lexical confinement: the data lives inside the producer, so
 * the compiler, not a convention, guarantees that nobody else touches it,
 * and there is no critical section at all.
 *
 * coffman-runtime: expect=clean
 */
#include "channel.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

static void *loop_data(void *arg)
{
    channel *handle_data = arg;
    const int data[] = {1, 2, 3, 4};
    for (size_t i = 0; i < sizeof data / sizeof data[0]; i++)
        chan_send(handle_data, (void *)(intptr_t)data[i]);
    chan_close(handle_data);
    return NULL;
}

int main(void)
{
    channel *handle_data = chan_make(0);
    pthread_t producer;
    pthread_create(&producer, NULL, loop_data, handle_data);
    void *num;
    while (chan_recv(handle_data, &num))
        printf("%d\n", (int)(intptr_t)num);
    pthread_join(producer, NULL);
    chan_free(handle_data);
    return 0;
}
