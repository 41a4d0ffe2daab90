<#include "_lib.ftli">
<#-- 随案件一同移交委外催收机构的说明。以往的联系只写出借人台账中的记录。 -->
案件${notice.reference}由${lender.name}于${date(notice.date)}移交。
借款人${borrower.name}，借款${installment.loanIdMasked}：${debt.count}期未还，最早一期应还日期${date(debt.oldestDueDate)}，已逾期${debt.dpd}天。
逾期金额（${currencyName}）：本金${money(debt.principal)}，利息${money(debt.interest)}，费用${money(debt.fees)}<#if debt.penalty?? && debt.penalty != 0>，罚息${money(debt.penalty)}</#if><#if debt.other??>，其他${money(debt.other)}</#if><#if debt.paid??>，减已还${money(debt.paid)}</#if>，合计${money(debt.amountDue)}。
<#if reached?has_content>出借人台账记录的此前就该笔欠款的联系：<#list reached as c>${date(c.date)}${channelName[c.channel]!c.channel}<#if c.tracking??>（邮件跟踪号${c.tracking}）</#if><#if c.status == "delivered">，已送达</#if><#sep>；</#list>。<#if sentOn("call")?has_content>外呼任务仅表示已下发，不代表已接通。</#if>
<#else>出借人台账中没有此前就该笔欠款联系借款人的记录。
</#if><#if history.promises?has_content>借款人的还款承诺记录：<#list history.promises as p>${date(p.date)}<#sep>、</#list>。
</#if>仅可联系借款人本人，且须在借款人所在地时间08:00-21:00之间；不得联系其亲友、单位或同事。如借款人提出异议或表示已还款，应立即停止催收并转回${lender.name}处理（${lender.complaints}）。
