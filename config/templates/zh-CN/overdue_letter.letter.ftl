<#assign fmt = "yyyy年M月d日">
<#assign due = installment.dueDate?date("yyyy-MM-dd")?string(fmt)>
<#assign asOf = notice.date?date("yyyy-MM-dd")?string(fmt)>
<#assign deadline = notice.deadline?date("yyyy-MM-dd")?string(fmt)>
<#assign currencyName = {"CNY": "人民币", "USD": "美元", "HKD": "港币", "TWD": "新台币"}[installment.currency]!installment.currency>
关于借款逾期的通知
编号：${notice.reference}

发函机构：${lender.name}
借款人：${borrower.name}
借款编号：${installment.loanIdMasked}

尊敬的${borrower.name}：

您好！根据您与我司签订的借款合同，您的借款<#if installment.number??>第${installment.number}期</#if>应于${due}还款。截至${asOf}，该期款项尚未结清，已逾期${installment.dpd}天。截至该日的逾期款项明细如下（币种：${currencyName}）：
- 本金：${installment.principal?string["0.00"]}
- 利息：${installment.interest?string["0.00"]}
- 费用：${installment.fees?string["0.00"]}
- 合计应还：${installment.amountDue?string["0.00"]}

请您于${deadline}前归还上述全部逾期款项。

还款方式：
- 通过“${lender.appName}”App：我的借款 > 立即还款；
- 登录官方网站 ${lender.website} 还款；
- 银行转账：请在附言中注明借款编号及本通知编号，收款账户信息可在App内查看或致电客服热线获取。

如您确有还款困难，请在${deadline}前与我们联系，我们将结合您的实际情况，与您协商还款计划。

如您对上述款项有异议或已经还款，请凭本通知编号与我们联系，我们将核实后书面答复；核实期间，我们将暂停就有异议的款项向您催收。

特别提示：
- 根据借款合同约定，逾期期间可能继续产生罚息；
- 我司依法向征信机构报送还款信息。根据《征信业管理条例》第十五条，特此提前告知：如您未能在上述期限前还款，我司将报送本次逾期信息，这可能影响您的个人信用记录；
- 如款项长期未结清，我司保留依法通过诉讼等合法途径追偿的权利。
本通知由${lender.name}作为出借人发出，并非法院或其他国家机关的文书。

联系方式：
- 客服热线：${lender.hotline}
- 电子邮箱：${lender.email}
- 官方网站：${lender.website}
- 通讯地址：${lender.address?replace("\n", " ")}
- 投诉渠道：${lender.complaints}

如您已经还款，请忽略本通知。感谢您的理解与配合！

特此通知。

${lender.name}
${asOf}
