<#-- 外呼坐席的通话脚本，由外呼系统与借款人号码一同显示。 -->
外呼编号 ${notice.reference} - ${lender.name}

1. 报出您的姓名，说明您代表${lender.name}来电。
2. 核实对方为借款人${borrower.name}本人（如出生日期或身份证后四位）后，方可提及借款事宜。如为他人接听，仅留下您的姓名和客服电话${lender.hotline}，不得透露来电事由。
3. 借款${installment.loanIdMasked}<#if installment.number??>第${installment.number}期</#if>应于${installment.dueDate}还款，现已逾期${installment.dpd}天。
   逾期金额（${installment.currency}）：本金${installment.principal?string["0.00"]}，利息${installment.interest?string["0.00"]}，费用${installment.fees?string["0.00"]}，合计${installment.amountDue?string["0.00"]}。
4. 询问能否在${notice.deadline}前还款。还款方式：“${lender.appName}”App、${lender.website}，或银行转账并注明通知编号${notice.reference}。
5. 如无法全额还款，主动提供协商还款方案，并记录其可承受的金额。
6. 如借款人对金额有异议或表示已还款，应停止催收、做好记录，并告知异议渠道：${lender.complaints}。
7. 如借款人要求不再来电，请记录：停止外呼，书面提醒照常进行。
请文明礼貌，不得威胁恐吓，不得联系借款人亲友、单位或同事。
