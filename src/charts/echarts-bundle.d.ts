// The prebuilt ES module bundle ships without its own declarations; it exports the same API as 'echarts'.
declare module 'echarts/dist/echarts.esm.min.mjs' {
  export * from 'echarts';
}
