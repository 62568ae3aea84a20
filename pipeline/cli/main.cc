#include "pipeline/cli/commands.h"

int main(int argc, char** argv) { return newsmark::RunNewsmark(argc, argv); }
