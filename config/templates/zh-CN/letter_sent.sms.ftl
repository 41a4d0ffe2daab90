<#include "_lib.ftli">
<#-- 只在台账显示书面信函已寄出后发送（阶梯的这一步要求如此）；日期取自台账。 -->
<#assign letters = sentOn("letter")>
【${lender.shortName}】尊敬的${addressee}，您的借款已逾期${debt.dpd}天，<#if letters?has_content>书面通知已于${shortDate(letters?last.date)}寄出，</#if>请还款或致电${lender.hotline}。回复TD退订
