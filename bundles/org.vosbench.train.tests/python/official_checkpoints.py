"""Checks VOS Bench's training files with PyTorch and the official STCN code (test helper).

usage: official_checkpoints.py check <weights.pth> <checkpoint.pth> <reference.pth> <stcn-src> <out.json>
       official_checkpoints.py write <weights.pth> <stcn-src> <checkpoint.pth> <out.json>

check: torch.load()s our weights and checkpoint; with the official sources, loads the weights
strictly into model.network.STCN and model.eval_network.STCN, and continues the checkpoint as
train.py --load_model does (STCNModel.load_model: network, Adam, MultiStepLR) for one more step;
without them, compares keys, shapes and dtypes with the reference state_dict.
write: a checkpoint of the official save_checkpoint layout after two Adam steps on fixed
random gradients, from <weights.pth>.
"""
import json
import os
import sys

import torch


def official(src):
    if not os.path.isdir(os.path.join(src, 'model')):
        return None
    sys.path.insert(0, src)
    import torchvision.models
    from model import mod_resnet
    # no downloads: the ImageNet initialisation is replaced by the checkpoint anyway
    resnet50 = torchvision.models.resnet50
    torchvision.models.resnet50 = lambda pretrained=False, **kw: resnet50()
    resnet18 = mod_resnet.resnet18
    mod_resnet.resnet18 = lambda pretrained=True, extra_chan=0: resnet18(False, extra_chan)
    from model.network import STCN
    from model.eval_network import STCN as EvalSTCN
    return STCN, EvalSTCN


def trainable(state_dict):
    return [k for k in state_dict if not k.endswith(('running_mean', 'running_var', 'num_batches_tracked'))]


def check(weights, checkpoint, reference, src, out):
    result = {}
    sd = torch.load(weights, map_location='cpu')
    ck = torch.load(checkpoint, map_location='cpu')
    result['weights_keys'] = len(sd)
    result['checkpoint_keys'] = sorted(ck.keys())
    result['weights_dtypes'] = sorted({str(v.dtype) for v in sd.values()})
    state = ck['optimizer']['state']
    result['exp_avg_sum_0'] = float(state[0]['exp_avg'].double().sum())
    result['exp_avg_sq_sum_last'] = float(state[max(state)]['exp_avg_sq'].double().sum())
    classes = official(src)
    if classes is not None:
        STCN, EvalSTCN = classes
        net = STCN(False)
        net.load_state_dict(sd)  # strict: every key, every shape
        EvalSTCN().load_state_dict(sd)
        net.load_state_dict(ck['network'])
        optimizer = torch.optim.Adam(filter(lambda p: p.requires_grad, net.parameters()), lr=1e-5, weight_decay=1e-7)
        scheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, [1], 0.1)
        optimizer.load_state_dict(ck['optimizer'])
        scheduler.load_state_dict(ck['scheduler'])
        params = list(net.parameters())
        result['shapes_fit'] = all(state[i]['exp_avg'].shape == p.shape for i, p in enumerate(params))
        for p in params:
            p.grad = torch.zeros_like(p)
        optimizer.step()
        scheduler.step()
        result['official'] = True
        result['steps_after'] = sorted({float(s['step']) for s in optimizer.state.values()})
        result['last_epoch_after'] = scheduler.last_epoch
        result['milestones'] = sorted(scheduler.milestones.keys())
    else:
        ref = torch.load(reference, map_location='cpu')
        result['official'] = False
        result['keys_match'] = list(ref.keys()) == list(sd.keys())
        result['shapes_fit'] = all(sd[k].shape == ref[k].shape for k in ref)
        names = trainable(ref)
        result['shapes_fit'] = result['shapes_fit'] and all(
            state[i]['exp_avg'].shape == ref[k].shape for i, k in enumerate(names))
    result['it'] = ck['it']
    json.dump(result, open(out, 'w'))


def write(weights, src, checkpoint, out):
    sd = torch.load(weights, map_location='cpu')
    classes = official(src)
    if classes is not None:
        net = classes[0](False)
        net.load_state_dict(sd)
        params = list(net.parameters())
    else:
        net = None
        params = [sd[k].clone().requires_grad_() for k in trainable(sd)]
    optimizer = torch.optim.Adam(filter(lambda p: p.requires_grad, params), lr=1e-5, weight_decay=1e-7)
    scheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, [1], 0.1)
    torch.manual_seed(0)
    for _ in range(2):
        for p in params:
            p.grad = torch.randn_like(p) * 1e-3
        optimizer.step()
        scheduler.step()
    if net is not None:
        network = net.state_dict()
    else:
        network = dict(sd)
        for k, p in zip(trainable(sd), params):
            network[k] = p.detach()
    # model/model.py STCNModel.save_checkpoint
    torch.save({'it': 2, 'network': network, 'optimizer': optimizer.state_dict(),
                'scheduler': scheduler.state_dict()}, checkpoint)
    state = optimizer.state_dict()['state']
    json.dump({'exp_avg_sum_0': float(state[0]['exp_avg'].double().sum()),
               'param_sum_0': float(params[0].detach().double().sum()),
               'lr': optimizer.param_groups[0]['lr'], 'official': net is not None}, open(out, 'w'))


if __name__ == '__main__':
    if sys.argv[1] == 'check':
        check(*sys.argv[2:7])
    else:
        write(*sys.argv[2:6])
