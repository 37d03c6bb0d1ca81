import type { enCharts } from "./en-charts";

/** 训练曲线图相关文案（并入 lib/i18n/zh.ts 的 `zh`）。键与 en-charts.ts 完全一致。 */
export const zhCharts = {
  "charts.empty": "暂无数据点。",
  "charts.hint": "拖动可缩放，双击可还原。",
  "charts.dataTable": "数据表（最近 {count} 个点）",
  "charts.step": "步数",
  "charts.loss": "损失",
  "charts.lossSmoothed": "损失（平滑）",
  "charts.evalLoss": "评估损失",
  "charts.learningRate": "学习率",
  "charts.throughput": "吞吐量（token/秒）",
  "charts.tokensPerSec": "token/秒",
  "charts.gpuMemory": "GPU 显存（GiB）",
  "charts.gib": "GiB",
  "charts.smoothing": "平滑",
  "charts.resumed": "已恢复",
  "charts.part": "{name} · 第 {n} 段",
  "charts.resumedNote": "该训练曾从检查点恢复：共 {count} 段，每段单独画成一条线，竖直虚线标出每段的起点。",
  "charts.lossAria": "按步数显示的训练损失与评估损失",
  "charts.lrAria": "按步数显示的学习率",
  "charts.throughputAria": "按步数显示的吞吐量（token/秒）",
  "charts.gpuMemoryAria": "按步数显示的 GPU 显存（GiB）",
  "charts.compareTitle": "各次训练的损失",
  "charts.compareAria": "按步数对比各次训练的训练损失",
} as const satisfies Record<keyof typeof enCharts, string>;
