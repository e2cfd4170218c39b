// Which GEMM sizes does OpenBLAS run on more than one thread? Counts the CPU time of
// every thread but the main one over 20 000 calls per size.
// build: cc -O2 -o openblas_thread_threshold openblas_thread_threshold.c -lopenblas
// run:   OPENBLAS_NUM_THREADS=2 ./openblas_thread_threshold
#include <stdio.h>
#include <stdlib.h>
#include <dirent.h>
#include <string.h>
#include <unistd.h>
#include <cblas.h>
// CPU time (ticks) of all threads except the main one, read from /proc/self/task/*/stat.
static long others(void){ DIR*d=opendir("/proc/self/task"); struct dirent*e; long tot=0; int me=getpid();
  while((e=readdir(d))){ if(e->d_name[0]=='.'||atoi(e->d_name)==me) continue; char p[256]; snprintf(p,256,"/proc/self/task/%s/stat",e->d_name);
    FILE*f=fopen(p,"r"); char buf[1024]; fgets(buf,1024,f); fclose(f); char*s=strrchr(buf,')'); long ut,st; int i; char*tok=strtok(s+2," ");
    for(i=0;tok&&i<11;i++) tok=strtok(NULL," "); ut=atol(tok); tok=strtok(NULL," "); st=atol(tok); tot+=ut+st; } closedir(d); return tot; }
int main(){ int sizes[][3]={{64,64,64},{65,64,64},{64,64,65},{128,128,16},{128,128,17},{32,32,32},{8,8,8}};
  float*A=malloc(4*200*200),*B=malloc(4*200*200),*C=malloc(4*200*200); for(int i=0;i<40000;i++){A[i]=1;B[i]=1;}
  for(int s=0;s<7;s++){ int m=sizes[s][0],n=sizes[s][1],k=sizes[s][2]; long t0=others();
    for(int r=0;r<20000;r++) cblas_sgemm(CblasRowMajor,CblasNoTrans,CblasNoTrans,m,n,k,1,A,k,B,n,0,C,n);
    printf("%dx%dx%d (mnk=%d): worker CPU ticks %ld\n",m,n,k,m*n*k,others()-t0);} }
