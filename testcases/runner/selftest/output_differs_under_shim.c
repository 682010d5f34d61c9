// The runner's own test: this program prints something else under the
// shim, so output=same must make its runtime test fail.
// coffman-runtime: expect=clean output=same
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    puts(getenv("LD_PRELOAD") ? "under a preload" : "native");
    return 0;
}
