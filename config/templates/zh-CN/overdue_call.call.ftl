<#include "_lib.ftli">
<#-- 外呼坐席的通话脚本，由外呼系统与借款人号码一同显示。以往的通知只写台账中的记录。 -->
外呼编号 ${notice.reference} - ${lender.name}

1. 报出您的姓名，说明您代表${lender.name}来电。
2. 先核实对方为借款人${borrower.name}本人（出生日期或登记证件号码后四位），核实之后才可提及借款。如为他人接听，仅留下您的姓名和${lender.hotline}，不得透露来电事由。
3. 借款${installment.loanIdMasked}：${debt.count}期未还，最早一期应还日期${date(debt.oldestDueDate)}，<#if debt.dpd gt 0>已逾期${debt.dpd}天<#else>今天到期</#if>。
   逾期金额（${currencyName}）：本金${money(debt.principal)}，利息${money(debt.interest)}，费用${money(debt.fees)}<#if debt.penalty?? && debt.penalty != 0>，罚息${money(debt.penalty)}</#if><#if debt.other??>，其他${money(debt.other)}</#if><#if debt.paid??>，减已还${money(debt.paid)}</#if>，合计${money(debt.amountDue)}。
<#if written?has_content>   此前已发出的通知（只可提及以下这些）：<#list written as c>${date(c.date)}${channelName[c.channel]!c.channel}<#sep>；</#list>。
<#else>   此前没有就该笔欠款发出过书面通知：不得说已经通知过。
</#if>4. 询问能否在${date(notice.deadline)}前还款。还款方式：${payLink()}、“${lender.appName}”App，或银行转账并注明${notice.reference}。
5. 如无法全额还款，主动提供还款计划，并记录其可承受的金额。
6. 如借款人对金额有异议或表示已还款，应停止催收、做好记录，并告知异议渠道：${lender.complaints}。
7. 如借款人要求不再来电，请记录：停止外呼，书面提醒照常进行。
请文明礼貌，不得威胁恐吓，不得联系借款人的亲友、单位或同事。
