#include <cstdio>
int main() { std::puts("tamis " TAMIS_VERSION); return 0; }
